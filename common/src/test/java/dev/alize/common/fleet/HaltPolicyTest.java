package dev.alize.common.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HaltPolicyTest {

  private static final HaltPolicy POLICY = HaltPolicy.DEFAULT;

  @Test
  void fewerSitesThanTheMinimum_neverHalt() {
    assertEquals(Optional.empty(), POLICY.breach(new HaltPolicy.Figures(9, 9, 0, 0)));
  }

  @Test
  void failuresAboveTheShare_halt_andAtTheShare_doNot() {
    assertEquals(Optional.empty(), POLICY.breach(new HaltPolicy.Figures(20, 1, 19, 0)));
    assertEquals(
        Optional.of("2 of 20 sites (10.0%) failed to import it, above the policy's 5%"),
        POLICY.breach(new HaltPolicy.Figures(20, 2, 18, 0)));
  }

  @Test
  void blockingConflictsAboveTheShare_halt() {
    assertEquals(Optional.empty(), POLICY.breach(new HaltPolicy.Figures(10, 0, 10, 2)));
    assertEquals(
        Optional.of(
            "3 of 10 sites (30.0%) that run it have a blocking conflict, above the policy's 20%"),
        POLICY.breach(new HaltPolicy.Figures(10, 0, 10, 3)));
  }

  @Test
  void blockingConflicts_needTheMinimumOfSitesRunningIt() {
    assertEquals(Optional.empty(), POLICY.breach(new HaltPolicy.Figures(12, 0, 5, 5)));
  }

  @Test
  void aPolicyOutOfRange_isRefusedNamingTheKey() {
    assertEquals(
        "min-sites must be at least 1, not 0",
        assertThrows(IllegalArgumentException.class, () -> new HaltPolicy(0, 5, 20)).getMessage());
    assertEquals(
        "max-failed-percent must be from 0 to 100, not 101.0",
        assertThrows(IllegalArgumentException.class, () -> new HaltPolicy(1, 101, 20))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new HaltPolicy(1, 5, Double.NaN));
  }

  @Test
  void describe_saysItInOneLine() {
    assertEquals(
        "halt when more than 5% of at least 10 sites failed, or more than 20% raised a blocking"
            + " conflict",
        POLICY.describe());
  }
}
