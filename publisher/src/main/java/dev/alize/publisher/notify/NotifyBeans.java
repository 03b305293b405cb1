package dev.alize.publisher.notify;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;

/** The maintainers' notifier of {@code serve}, delivering on a daemon thread of its own. */
@Factory
final class NotifyBeans {

  @Singleton
  @Bean(preDestroy = "close")
  MaintainerNotifier maintainerNotifier(NotificationConfiguration configuration) {
    return new MaintainerNotifier(
        configuration,
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "alize-maintainer-notices");
              thread.setDaemon(true);
              return thread;
            }));
  }
}
