package dev.alize.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void theFirstFailuresCostNothing() {
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      throttle.failed("10.0.0.1");
      assertTrue(throttle.waitFor("10.0.0.1").isEmpty());
    }
  }

  @Test
  void furtherFailuresWaitTwiceAsLongEachTime() {
    for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
      throttle.failed("10.0.0.1");
    }
    assertEquals(Optional.of(new SignInThrottle.Wait(2)), throttle.waitFor("10.0.0.1"));

    clock.advance(Duration.ofSeconds(2));
    assertTrue(throttle.waitFor("10.0.0.1").isEmpty());
    throttle.failed("10.0.0.1");
    assertEquals(Optional.of(new SignInThrottle.Wait(4)), throttle.waitFor("10.0.0.1"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.of(new SignInThrottle.Wait(3)), throttle.waitFor("10.0.0.1"));
    clock.advance(Duration.ofMillis(500));
    assertEquals(
        Optional.of(new SignInThrottle.Wait(3)), throttle.waitFor("10.0.0.1"), "rounded up");
    assertEquals(
        "Too many failed sign-ins from your address: try again in 3 s.",
        throttle.waitFor("10.0.0.1").orElseThrow().message());
  }

  @Test
  void theWaitStopsGrowingAtItsLongest() {
    assertEquals(SignInThrottle.LONGEST_WAIT, SignInThrottle.wait(40));
    assertEquals(SignInThrottle.LONGEST_WAIT, SignInThrottle.wait(Integer.MAX_VALUE));
    assertEquals(Duration.ofSeconds(512), SignInThrottle.wait(SignInThrottle.FREE_FAILURES + 9));
  }

  @Test
  void oneAddresssFailuresDoNotSlowAnother() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("10.0.0.1");
    }

    assertTrue(throttle.waitFor("10.0.0.1").isPresent());
    assertTrue(throttle.waitFor("10.0.0.2").isEmpty());
  }

  @Test
  void aSuccessOrAnHourOfQuietForgetsTheFailures() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("10.0.0.1");
      throttle.failed("10.0.0.2");
    }
    throttle.succeeded("10.0.0.1");
    assertTrue(throttle.waitFor("10.0.0.1").isEmpty());

    clock.advance(SignInThrottle.FORGET_AFTER);
    assertTrue(throttle.waitFor("10.0.0.2").isEmpty());
    throttle.failed("10.0.0.2");
    assertTrue(throttle.waitFor("10.0.0.2").isEmpty(), "counting starts again");
  }

  @Test
  void manyAddressesAreBounded() {
    for (int i = 0; i < SignInThrottle.MAX_ADDRESSES + 10; i++) {
      throttle.failed("a" + i);
    }

    assertEquals(SignInThrottle.MAX_ADDRESSES, throttle.size());
  }
}
