package dev.alize.consumer.cli;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.importer.DatabaseImporter;
import dev.alize.consumer.importer.RollbackService;
import dev.alize.consumer.notify.OutboxDispatcher;
import dev.alize.consumer.report.ReportSender;
import dev.alize.consumer.sync.SyncService;
import io.micronaut.context.BeanContext;

/**
 * The services a command uses, beans of its application context, each made when the command first
 * asks for it: {@code status} has no use for the sync service, and a person waits for it.
 */
final class ConsumerServices {

  private final BeanContext beans;

  ConsumerServices(BeanContext beans) {
    this.beans = beans;
  }

  DatabaseImporter importer() {
    return beans.getBean(DatabaseImporter.class);
  }

  AdminService admin() {
    return beans.getBean(AdminService.class);
  }

  RollbackService rollback() {
    return beans.getBean(RollbackService.class);
  }

  OutboxDispatcher dispatcher() {
    return beans.getBean(OutboxDispatcher.class);
  }

  SyncService sync() {
    return beans.getBean(SyncService.class);
  }

  ReportSender reports() {
    return beans.getBean(ReportSender.class);
  }
}
