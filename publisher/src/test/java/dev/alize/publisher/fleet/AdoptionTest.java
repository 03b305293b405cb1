package dev.alize.publisher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.web.SharesOverTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptionTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static Adoption.Install install(String site, String version, Duration after) {
    return new Adoption.Install(site, version, T0.plus(after).toEpochMilli());
  }

  private static List<Long> counts(SharesOverTime shares, String version) {
    return shares.groups().stream()
        .filter(g -> g.name().equals(version))
        .findFirst()
        .orElseThrow()
        .counts();
  }

  @Test
  void eachSite_countsOnTheNewestVersionItHadInstalled_atEachTime() {
    List<Adoption.Install> installs =
        List.of(
            install("a", "1.0.0", Duration.ZERO),
            install("b", "1.0.0", Duration.ofHours(1)),
            install("a", "2.0.0", Duration.ofDays(1)),
            install("b", "2.0.0", Duration.ofDays(2)));

    SharesOverTime shares = Adoption.of(installs, 3, T0.plus(Duration.ofDays(2)));

    assertEquals(List.of("2.0.0", "1.0.0"), shares.groups().stream().map(g -> g.name()).toList());
    assertEquals(3, shares.total());
    assertEquals(
        Duration.ofHours(6), Duration.between(shares.times().get(0), shares.times().get(1)));
    assertEquals(T0, shares.times().get(0));
    assertEquals(T0.plus(Duration.ofDays(2)), shares.times().get(shares.times().size() - 1));
    int last = shares.times().size() - 1;
    assertEquals(1L, counts(shares, "1.0.0").get(0));
    assertEquals(2L, counts(shares, "1.0.0").get(1));
    assertEquals(1L, counts(shares, "2.0.0").get(4));
    assertEquals(1L, counts(shares, "1.0.0").get(4));
    assertEquals(2L, counts(shares, "2.0.0").get(last));
    assertEquals(0L, counts(shares, "1.0.0").get(last));
  }

  @Test
  void anOlderVersionInstalledLater_doesNotTakeASiteBack() {
    List<Adoption.Install> installs =
        List.of(install("a", "2.0.0", Duration.ZERO), install("a", "1.0.0", Duration.ofHours(2)));

    SharesOverTime shares = Adoption.of(installs, 1, T0.plus(Duration.ofHours(3)));

    assertEquals(List.of("2.0.0"), shares.groups().stream().map(g -> g.name()).toList());
    assertEquals(List.of(1L, 1L, 1L, 1L), counts(shares, "2.0.0"));
  }

  @Test
  void noInstall_isNothingToDraw() {
    assertTrue(Adoption.of(List.of(), 4, T0).isEmpty());
    assertTrue(Adoption.of(List.of(install("a", "not-a-version", Duration.ZERO)), 1, T0).isEmpty());
  }

  @Test
  void aLongSpan_isSampledInLongerSteps_andNeverPastTheLimit() {
    List<Instant> times = Adoption.times(T0, T0.plus(Duration.ofDays(400)));

    assertTrue(times.size() <= Adoption.MAX_TIMES + 1, times::toString);
    assertEquals(Duration.ofDays(30), Duration.between(times.get(1), times.get(2)));
    assertEquals(T0.plus(Duration.ofDays(400)), times.get(times.size() - 1));
    List<Instant> centuries = Adoption.times(T0, T0.plus(Duration.ofDays(365 * 200)));
    assertTrue(centuries.size() <= Adoption.MAX_TIMES + 1);
  }

  @Test
  void versionsPastTheNewestSix_areSummedAsOlder() {
    List<Adoption.Install> installs = new ArrayList<>();
    for (int v = 1; v <= 8; v++) {
      installs.add(install("site" + v, v + ".0.0", Duration.ofMinutes(v)));
    }

    SharesOverTime shares = Adoption.of(installs, 8, T0.plus(Duration.ofHours(1)));

    assertEquals(
        List.of("8.0.0", "7.0.0", "6.0.0", "5.0.0", "4.0.0", "3.0.0", Adoption.OLDER),
        shares.groups().stream().map(g -> g.name()).toList());
    List<Long> older = counts(shares, Adoption.OLDER);
    assertEquals(2L, older.get(older.size() - 1));
  }
}
