package dev.alize.consumer.notify;

import dev.alize.common.notify.DeliveryException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel that records what it delivers and fails as often as told to. */
final class CountingChannel implements NotificationChannel {

  private final String name;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile int failuresLeft;
  private volatile long pauseMillis;

  CountingChannel(String name) {
    this.name = name;
  }

  /** The next {@code n} deliveries fail; {@link Integer#MAX_VALUE} for always. */
  CountingChannel failing(int n) {
    failuresLeft = n;
    return this;
  }

  /** Each delivery takes this long, so that concurrent dispatchers overlap. */
  CountingChannel pausing(long millis) {
    pauseMillis = millis;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void deliver(Delivery delivery) throws DeliveryException {
    calls.incrementAndGet();
    if (pauseMillis > 0) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (failuresLeft > 0) {
        if (failuresLeft != Integer.MAX_VALUE) {
          failuresLeft--;
        }
        throw new DeliveryException(name + " receiver is down");
      }
      deliveries.add(delivery);
    }
  }

  synchronized List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  int calls() {
    return calls.get();
  }
}
