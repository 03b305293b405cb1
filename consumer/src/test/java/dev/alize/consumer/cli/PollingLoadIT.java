package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.load.PollLoad;
import dev.alize.consumer.load.PollResult;
import dev.alize.consumer.load.Pollers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many consumers polling {@code publisher serve} at once over HTTPS, each on a connection of its
 * own, as an unchanged poll does: every request answered as it should be, none lost. The benchmark
 * runs the same for a minute and reports the latencies ({@code --only polling}).
 */
class PollingLoadIT {

  private static final int POLLERS = 500;

  @Test
  void fiveHundredPollers_everyPollAnsweredNotModified(@TempDir Path dir) throws Exception {
    try (LivePublisher publisher = LivePublisher.init(dir.resolve("publisher"))) {
      publisher.release("eole", "1.0.0", "stable");
      publisher.serve();
      PollLoad load =
          PollLoad.against(
              publisher.url(),
              publisher.certificate(),
              POLLERS,
              Duration.ofSeconds(5),
              Duration.ZERO,
              Duration.ofMillis(500));
      double notModifiedBefore = publisher.requests("304");

      PollResult result = Pollers.run(load);

      assertEquals(List.of(), result.errors());
      assertEquals(0, result.errorCount());
      assertEquals(POLLERS, result.pollersThatPolled());
      assertEquals(result.polls(), result.requests());
      // The publisher counted the same answers, so none was made up by the client.
      assertEquals(result.polls(), publisher.requests("304") - notModifiedBefore);
    }
  }
}
