package dev.alize.consumer.cli;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.importer.DatabaseImporter;
import dev.alize.consumer.importer.RollbackService;
import dev.alize.consumer.notify.OutboxDispatcher;
import dev.alize.consumer.sync.SyncService;
import io.micronaut.context.BeanContext;

/** The services a command uses, beans of its application context. */
record ConsumerServices(
    DatabaseImporter importer,
    AdminService admin,
    RollbackService rollback,
    OutboxDispatcher dispatcher,
    SyncService sync) {

  static ConsumerServices of(BeanContext beans) {
    return new ConsumerServices(
        beans.getBean(DatabaseImporter.class),
        beans.getBean(AdminService.class),
        beans.getBean(RollbackService.class),
        beans.getBean(OutboxDispatcher.class),
        beans.getBean(SyncService.class));
  }
}
