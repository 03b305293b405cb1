package dev.alize.consumer.http;

import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.notify.OutboxDispatcher;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncScheduler;
import java.util.List;

/**
 * What {@code serve} made for itself and the admin API shares: the API adds no state of its own.
 *
 * @param dispatcher what /prometheus counts the pending notifications of; null when there is none,
 *     and then that gauge is not reported
 */
public record ApiServices(
    SyncScheduler scheduler,
    StatusStore statuses,
    List<Subscription> subscriptions,
    OutboxDispatcher dispatcher) {

  public ApiServices {
    subscriptions = List.copyOf(subscriptions);
  }
}
