package dev.alize.common.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.version.SemanticVersion;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutBucketTest {

  private static final SemanticVersion V1 = SemanticVersion.parse("1.1.0");
  private static final SemanticVersion V2 = SemanticVersion.parse("1.2.0");

  @Test
  void of_isStableForASiteAndARelease() {
    assertEquals(RolloutBucket.of("site-a", "eole", V1), RolloutBucket.of("site-a", "eole", V1));
  }

  @Test
  void of_spreadsTenThousandSitesEvenly() {
    long underAQuarter =
        IntStream.range(0, 10_000)
            .map(i -> RolloutBucket.of("site-" + i, "eole", V1))
            .peek(b -> assertTrue(b >= 0 && b < RolloutBucket.ALL, "bucket " + b))
            .filter(b -> b < 25 * RolloutBucket.PER_PERCENT)
            .count();

    // About 2,500: the standard deviation is 43 sites.
    assertTrue(underAQuarter > 2_300 && underAQuarter < 2_700, underAQuarter + " sites");
  }

  @Test
  void of_putsASiteEarlyForOneReleaseAndLateForAnother() {
    long earlyForBoth =
        IntStream.range(0, 10_000)
            .filter(
                i ->
                    RolloutBucket.of("site-" + i, "eole", V1) < 10 * RolloutBucket.PER_PERCENT
                        && RolloutBucket.of("site-" + i, "eole", V2)
                            < 10 * RolloutBucket.PER_PERCENT)
            .count();

    // Independent buckets: about 1 % of the sites are in the first 10 % of both releases.
    assertTrue(earlyForBoth > 50 && earlyForBoth < 160, earlyForBoth + " sites");
  }

  @Test
  void describe_givesTwoDecimals() {
    assertEquals("61.07%", RolloutBucket.describe(6107));
    assertEquals("0.00%", RolloutBucket.describe(0));
    assertEquals("99.99%", RolloutBucket.describe(9999));
  }
}
