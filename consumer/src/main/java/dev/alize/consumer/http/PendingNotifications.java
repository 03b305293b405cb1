package dev.alize.consumer.http;

import dev.alize.consumer.notify.OutboxDispatcher;
import java.util.OptionalLong;

/** The outbox that /prometheus counts the pending notifications of, when {@code serve} has one. */
public record PendingNotifications(OutboxDispatcher dispatcher) {

  public boolean known() {
    return dispatcher != null;
  }

  /** Notifications neither delivered nor given up; empty without a dispatcher. */
  public OptionalLong count() {
    return dispatcher != null ? OptionalLong.of(dispatcher.pending()) : OptionalLong.empty();
  }
}
