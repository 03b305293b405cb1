package dev.alize.common.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolloutPlanTest {

  private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void parse_aPercentage_isOneStepNow() {
    RolloutPlan plan = RolloutPlan.parse("25%", START);

    assertEquals(List.of(new RolloutPlan.Step(25, START)), plan.steps());
    assertEquals(0, plan.percentAt(START.minusSeconds(1)));
    assertEquals(25, plan.percentAt(START));
  }

  @Test
  void parse_stepsEveryDay_startNowAndFollowOneADay() {
    RolloutPlan plan = RolloutPlan.parse(" 5%, 25%,50% ,100 every 1d ", START);

    assertEquals(
        List.of(
            new RolloutPlan.Step(5, START),
            new RolloutPlan.Step(25, START.plus(DAY)),
            new RolloutPlan.Step(50, START.plus(DAY.multipliedBy(2))),
            new RolloutPlan.Step(100, START.plus(DAY.multipliedBy(3)))),
        plan.steps());
    assertEquals(5, plan.percentAt(START.plus(DAY).minusSeconds(1)));
    assertEquals(25, plan.percentAt(START.plus(DAY)));
    assertEquals(100, plan.percentAt(START.plus(DAY.multipliedBy(30))));
  }

  @Test
  void parse_units_areMinutesHoursDaysWeeks() {
    assertEquals(START.plusSeconds(30 * 60), step(RolloutPlan.parse("1%,2% every 30m", START)));
    assertEquals(START.plusSeconds(6 * 3600), step(RolloutPlan.parse("1%,2% every 6h", START)));
    assertEquals(START.plus(DAY.multipliedBy(2)), step(RolloutPlan.parse("1,2 every 2d", START)));
    assertEquals(START.plus(DAY.multipliedBy(7)), step(RolloutPlan.parse("1,2 every 1w", START)));
  }

  private static Instant step(RolloutPlan plan) {
    return plan.steps().get(1).at();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0%",
        "101%",
        "-5%",
        "abc",
        "25%%",
        "5%,,10% every 1d",
        "50%,25% every 1d",
        "5%,25%",
        "5%,25% every",
        "5%,25% every 0d",
        "5%,25% every 1y",
        "5%,25% every 1d extra",
        "5%,100% every 9999w",
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21 every 1d",
        "1e2%",
        "٣٠%"
      })
  void parse_aBadPlan_isRefusedSayingWhy(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RolloutPlan.parse(text, START));
    assertTrue(e.getMessage().contains("rollout"), e.getMessage());
  }

  @Test
  void parse_aHugeText_isRefusedWithoutReadingIt() {
    String huge = "5%,".repeat(1_000_000) + "100% every 1d";

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RolloutPlan.parse(huge, START));
    assertTrue(e.getMessage().contains("at most 200 characters"), e.getMessage());
  }

  @Test
  void waitFor_phased_admitsTheBucketsUnderTheCurrentPercentage() {
    RolloutPlan plan = RolloutPlan.parse("25%,50%,100% every 1d", START);

    assertEquals(Optional.empty(), plan.waitFor(2499, RolloutMode.PHASED, START));
    assertEquals(
        Optional.of(new RolloutPlan.Wait(25, START.plus(DAY))),
        plan.waitFor(2500, RolloutMode.PHASED, START));
    assertEquals(
        Optional.of(new RolloutPlan.Wait(25, START.plus(DAY.multipliedBy(2)))),
        plan.waitFor(5000, RolloutMode.PHASED, START));
    assertEquals(
        Optional.empty(), plan.waitFor(9999, RolloutMode.PHASED, START.plus(DAY.multipliedBy(2))));
  }

  @Test
  void waitFor_early_admitsAtOnce_andLate_onlyAtAHundredPercent() {
    RolloutPlan plan = RolloutPlan.parse("5%,100% every 2d", START);

    assertEquals(Optional.empty(), plan.waitFor(9999, RolloutMode.EARLY, START));
    assertEquals(
        Optional.of(new RolloutPlan.Wait(5, START.plus(DAY.multipliedBy(2)))),
        plan.waitFor(0, RolloutMode.LATE, START));
    assertEquals(
        Optional.empty(), plan.waitFor(0, RolloutMode.LATE, START.plus(DAY.multipliedBy(2))));
  }

  @Test
  void waitFor_aBucketAbovePlansLastStep_isExpectedAtNoKnownTime() {
    RolloutPlan plan = RolloutPlan.parse("10%,30% every 1d", START);

    RolloutPlan.Wait wait = plan.waitFor(3000, RolloutMode.PHASED, START.plus(DAY)).orElseThrow();

    assertEquals(30, wait.percentNow());
    assertNull(wait.expectedFrom());
    assertNull(plan.waitFor(0, RolloutMode.LATE, START).orElseThrow().expectedFrom());
  }

  @Test
  void resume_movesTheStepsStillAheadByTheHaltsLength() {
    RolloutPlan plan = RolloutPlan.parse("5%,25%,100% every 1d", START);
    Instant haltedAt = START.plus(Duration.ofHours(12));

    RolloutPlan halted = plan.halt("imports fail at two sites", haltedAt);
    RolloutPlan resumed = halted.resume(haltedAt.plus(DAY.multipliedBy(3)));

    assertTrue(halted.halted());
    assertEquals(
        List.of(
            new RolloutPlan.Step(5, START),
            new RolloutPlan.Step(25, START.plus(DAY.multipliedBy(4))),
            new RolloutPlan.Step(100, START.plus(DAY.multipliedBy(5)))),
        resumed.steps());
    assertNull(resumed.halt());
  }

  @Test
  void json_roundTrips_withItsHalt() {
    RolloutPlan plan =
        RolloutPlan.parse("5%,100% every 1d", START)
            .halt("two sites failed", START.plusSeconds(60));

    assertEquals(plan, RolloutPlan.fromJson(plan.toJson()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "{}",
        "{\"steps\":{}}",
        "{\"steps\":[]}",
        "{\"steps\":[1]}",
        "{\"steps\":[{\"percent\":5.5,\"at\":\"2026-12-06T10:00:00Z\"}]}",
        "{\"steps\":[{\"percent\":99999999999,\"at\":\"2026-12-06T10:00:00Z\"}]}",
        "{\"steps\":[{\"percent\":5,\"at\":\"tomorrow\"}]}",
        "{\"steps\":[{\"percent\":5,\"at\":5}]}",
        "{\"steps\":[{\"percent\":50,\"at\":\"2026-12-06T10:00:00Z\"},"
            + "{\"percent\":20,\"at\":\"2026-12-07T10:00:00Z\"}]}",
        "{\"steps\":[{\"percent\":5,\"at\":\"2026-12-06T10:00:00Z\"}],\"halted\":{\"at\":\"x\"}}",
        "{\"steps\":[{\"percent\":5,\"at\":\"2026-12-06T10:00:00Z\"}],"
            + "\"halted\":{\"reason\":\"r\",\"at\":\"x\"}}"
      })
  void fromJson_hostilePlans_areRefusedNamingTheField(String text) throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RolloutPlan.fromJson(new ObjectMapper().readTree(text)));
    assertTrue(e.getMessage().contains("rollout"), e.getMessage());
  }

  @Test
  void fromJson_moreThanTwentySteps_isRefused() throws Exception {
    StringBuilder steps = new StringBuilder();
    for (int i = 1; i <= 21; i++) {
      steps
          .append(i > 1 ? "," : "")
          .append("{\"percent\":")
          .append(i)
          .append(",\"at\":\"")
          .append(START.plus(DAY.multipliedBy(i)))
          .append("\"}");
    }
    String json = "{\"steps\":[" + steps + "]}";

    assertThrows(
        IllegalArgumentException.class,
        () -> RolloutPlan.fromJson(new ObjectMapper().readTree(json)));
  }
}
