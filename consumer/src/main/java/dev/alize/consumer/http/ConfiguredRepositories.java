package dev.alize.consumer.http;

import dev.alize.consumer.config.Subscription;
import java.util.List;

/** The repositories the configuration lists, in its order: what the API can sync and report. */
record ConfiguredRepositories(List<Subscription> subscriptions) {

  ConfiguredRepositories {
    subscriptions = List.copyOf(subscriptions);
  }

  boolean contains(String name) {
    return subscriptions.stream().anyMatch(s -> s.name().equals(name));
  }
}
