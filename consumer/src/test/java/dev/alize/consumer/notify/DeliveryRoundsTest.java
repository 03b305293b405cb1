package dev.alize.consumer.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.sync.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** serve's delivery rounds back off while the database is down, and say so twice, not always. */
class DeliveryRoundsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void pausesDoubleUpToTheCap() {
    assertEquals(Duration.ofSeconds(5), DeliveryRounds.pause(0));
    assertEquals(Duration.ofSeconds(10), DeliveryRounds.pause(1));
    assertEquals(Duration.ofSeconds(20), DeliveryRounds.pause(2));
    assertEquals(Duration.ofSeconds(160), DeliveryRounds.pause(5));
    assertEquals(Duration.ofMinutes(5), DeliveryRounds.pause(6));
    assertEquals(Duration.ofMinutes(5), DeliveryRounds.pause(Integer.MAX_VALUE));
  }

  @Test
  void aDatabaseOutage_backsOff_andIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
    AtomicBoolean down = new AtomicBoolean(false);
    List<Instant> asked = new ArrayList<>();
    DeliveryRounds rounds =
        new DeliveryRounds(
            "notifications",
            now -> {
              asked.add(now);
              if (down.get()) {
                throw new DatabaseException(
                    "database jdbc:postgresql://db.example/alize: cannot connect: Connection"
                        + " refused",
                    null);
              }
              return 0;
            },
            CLOCK);
    try (LogCapture log = LogCapture.of(DeliveryRounds.class)) {
      assertEquals(Duration.ofSeconds(5), rounds.round());
      down.set(true);
      List<Duration> pauses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        pauses.add(rounds.round());
      }
      assertEquals(
          List.of(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L),
          pauses.stream().map(Duration::toSeconds).toList());
      assertEquals(8, rounds.failures());
      down.set(false);
      assertEquals(Duration.ofSeconds(5), rounds.round());
      assertEquals(Duration.ofSeconds(5), rounds.round());

      assertEquals(
          List.of(
              "WARN cannot deliver notifications: database jdbc:postgresql://db.example/alize:"
                  + " cannot connect: Connection refused; trying again less and less often, at"
                  + " least every 300 s, until it works",
              "WARN notifications are delivered again, after 8 failed round(s)"),
          log.lines());
      assertEquals(0, rounds.failures());
      assertEquals(11, asked.size());
      assertEquals(CLOCK.instant(), asked.get(0));
    }
  }
}
