package dev.alize.consumer.http;

import dev.alize.consumer.config.Subscription;
import java.util.List;

/** The repositories the configuration lists, in its order: what the API can sync and report. */
public record ConfiguredRepositories(List<Subscription> subscriptions) {

  public ConfiguredRepositories {
    subscriptions = List.copyOf(subscriptions);
  }

  public boolean contains(String name) {
    return subscriptions.stream().anyMatch(s -> s.name().equals(name));
  }
}
