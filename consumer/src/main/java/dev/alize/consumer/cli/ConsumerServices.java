package dev.alize.consumer.cli;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.importer.DatabaseImporter;
import dev.alize.consumer.importer.RollbackService;
import dev.alize.consumer.notify.NotificationSettings;
import dev.alize.consumer.notify.Outbox;
import dev.alize.consumer.notify.OutboxDispatcher;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.time.Clock;

/** The database and the services over it that a command uses, closed together. */
record ConsumerServices(
    Database database,
    DatabaseImporter importer,
    AdminService admin,
    RollbackService rollback,
    OutboxDispatcher dispatcher)
    implements AutoCloseable {

  static ConsumerServices open(
      DatabaseSettings settings, NotificationSettings notifications, Path dataDir, Clock clock) {
    Database database = Database.open(settings);
    DatabaseImporter importer =
        new DatabaseImporter(
            database, new Outbox(notifications), clock, DatabaseImporter.Steps.LOG_ONLY);
    return new ConsumerServices(
        database,
        importer,
        new AdminService(database, clock),
        new RollbackService(database, importer, dataDir),
        OutboxDispatcher.create(database, notifications));
  }

  @Override
  public void close() {
    database.close();
  }
}
