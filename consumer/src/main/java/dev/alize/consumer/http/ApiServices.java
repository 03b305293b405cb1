package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.importer.RollbackService;
import dev.alize.consumer.notify.OutboxDispatcher;
import dev.alize.consumer.sync.Importer;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import java.util.List;

/**
 * What the admin API works on, made by {@code serve} for its scheduler too: the API adds no state
 * of its own.
 *
 * @param importer what the approvals are read from
 * @param dispatcher what /prometheus counts the pending notifications of; null when there is none,
 *     and then that gauge is not reported
 */
public record ApiServices(
    AdminService admin,
    RollbackService rollback,
    SyncScheduler scheduler,
    StatusStore statuses,
    Importer importer,
    List<Subscription> subscriptions,
    OutboxDispatcher dispatcher) {

  public ApiServices {
    subscriptions = List.copyOf(subscriptions);
  }
}
