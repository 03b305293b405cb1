package dev.alize.consumer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.release.ChangeSummary;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.release.RolloutBucket;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.release.RolloutPlan;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleasePolicyTest {

  private static ReleaseFacts release(String version, Channel channel) {
    return new ReleaseFacts(
        "eole",
        SemanticVersion.parse(version),
        channel,
        Instant.parse("2030-01-01T00:00:00Z"),
        Classification.STANDARD,
        null,
        ChangeSummary.of(null, Bump.NONE, List.of(), List.of(), List.of()),
        null);
  }

  private static ReleaseFacts deprecated(String version) {
    return release(version, Channel.STABLE)
        .withDeprecation(new ReleaseFacts.Deprecation("broken", Instant.EPOCH));
  }

  private static final Instant NOW = Instant.parse("2030-01-02T00:00:00Z");

  private static ReleasePolicy policy(Channel channel, Bump autoApprove) {
    return new ReleasePolicy(
        channel, autoApprove, new ReleasePolicy.Site("test-site", RolloutMode.PHASED, NOW));
  }

  private static Decision only(
      ReleasePolicy policy, List<ReleaseFacts> available, String installed, Set<String> approved) {
    Map<String, SemanticVersion> installedMap =
        installed == null ? Map.of() : Map.of("eole", SemanticVersion.parse(installed));
    List<Decision> decisions =
        policy.decide(available, installedMap, approved, Map.of(), List.of("eole"));
    assertEquals(1, decisions.size());
    return decisions.get(0);
  }

  private static final ReleasePolicy STABLE_MINOR = policy(Channel.STABLE, Bump.MINOR);

  @Test
  void firstImport_takesTheNewestStableRelease() {
    Decision d =
        only(
            STABLE_MINOR,
            List.of(release("1.0.0", Channel.STABLE), release("1.2.0", Channel.STABLE)),
            null,
            Set.of());
    Decision.Update update = assertInstanceOf(Decision.Update.class, d);
    assertEquals("1.2.0", update.release().version().toString());
    assertNull(update.from());
  }

  @Test
  void semanticOrder_isNotTextOrder() {
    Decision d =
        only(
            STABLE_MINOR,
            List.of(release("1.9.0", Channel.STABLE), release("1.10.0", Channel.STABLE)),
            "1.9.0",
            Set.of());
    assertEquals(
        "1.10.0", assertInstanceOf(Decision.Update.class, d).release().version().toString());
  }

  @Test
  void stableSubscriber_ignoresTestingAndStagedReleases() {
    Decision d =
        only(
            STABLE_MINOR,
            List.of(
                release("1.0.0", Channel.STABLE),
                release("1.1.0", Channel.STAGED),
                release("1.2.0", Channel.TESTING)),
            "1.0.0",
            Set.of());
    assertInstanceOf(Decision.UpToDate.class, d);
  }

  @Test
  void stagedSubscriber_takesStagedAndStable_butNotTesting() {
    ReleasePolicy staged = policy(Channel.STAGED, Bump.MINOR);
    Decision d =
        only(
            staged,
            List.of(release("1.1.0", Channel.STAGED), release("1.2.0", Channel.TESTING)),
            "1.0.0",
            Set.of());
    assertEquals(
        "1.1.0", assertInstanceOf(Decision.Update.class, d).release().version().toString());
  }

  @Test
  void testingSubscriber_takesEverything() {
    ReleasePolicy testing = policy(Channel.TESTING, Bump.MINOR);
    Decision d = only(testing, List.of(release("1.2.0", Channel.TESTING)), "1.0.0", Set.of());
    assertEquals(
        "1.2.0", assertInstanceOf(Decision.Update.class, d).release().version().toString());
  }

  @Test
  void majorRelease_isHeldAboveMinorAutoApproval_andSaysHowToApprove() {
    Decision d = only(STABLE_MINOR, List.of(release("2.0.0", Channel.STABLE)), "1.4.0", Set.of());
    Decision.Held held = assertInstanceOf(Decision.Held.class, d);
    assertEquals(
        "MAJOR release 2.0.0 needs an admin's approval (auto-approve: minor): run 'consumer approve"
            + " eole 2.0.0'",
        held.reason());
  }

  @Test
  void approvedMajorRelease_isImported() {
    Decision d =
        only(
            STABLE_MINOR, List.of(release("2.0.0", Channel.STABLE)), "1.4.0", Set.of("eole 2.0.0"));
    assertInstanceOf(Decision.Update.class, d);
  }

  @Test
  void minorRelease_isHeldWhenOnlyPatchesAreAutoApproved() {
    ReleasePolicy patch = policy(Channel.STABLE, Bump.PATCH);
    assertInstanceOf(
        Decision.Held.class,
        only(patch, List.of(release("1.5.0", Channel.STABLE)), "1.4.0", Set.of()));
    assertInstanceOf(
        Decision.Update.class,
        only(patch, List.of(release("1.4.1", Channel.STABLE)), "1.4.0", Set.of()));
  }

  @Test
  void deprecatedRelease_isNeverNewlyChosen() {
    Decision d =
        only(
            STABLE_MINOR,
            List.of(release("1.0.0", Channel.STABLE), deprecated("1.1.0")),
            "1.0.0",
            Set.of());
    assertInstanceOf(Decision.UpToDate.class, d);
  }

  @Test
  void runningADeprecatedRelease_keepsItAndIsToldWhy() {
    Decision d =
        only(
            STABLE_MINOR,
            List.of(release("1.0.0", Channel.STABLE), deprecated("1.1.0")),
            "1.1.0",
            Set.of());
    Decision.UpToDate upToDate = assertInstanceOf(Decision.UpToDate.class, d);
    assertEquals("1.1.0", upToDate.version().toString());
    assertEquals("broken", upToDate.deprecation());
  }

  @Test
  void installedReleaseRevoked_movesToTheNewestRemaining() {
    Decision d = only(STABLE_MINOR, List.of(release("1.0.0", Channel.STABLE)), "1.1.0", Set.of());
    assertEquals(
        "1.0.0", assertInstanceOf(Decision.Update.class, d).release().version().toString());
  }

  @Test
  void newerInstalledVersionStillServed_isKept() {
    ReleasePolicy staged = policy(Channel.STABLE, Bump.MINOR);
    Decision d =
        only(
            staged,
            List.of(release("1.0.0", Channel.STABLE), release("1.1.0", Channel.TESTING)),
            "1.1.0",
            Set.of());
    assertEquals("1.1.0", assertInstanceOf(Decision.UpToDate.class, d).version().toString());
  }

  @Test
  void nothingInTheChannel_saysSo() {
    Decision d = only(STABLE_MINOR, List.of(release("1.0.0", Channel.TESTING)), null, Set.of());
    assertTrue(
        assertInstanceOf(Decision.NothingAvailable.class, d).reason().contains("channel stable"));
  }

  @Test
  void withNoFollowedList_decidesForEveryDatasourceServed() {
    List<Decision> decisions =
        STABLE_MINOR.decide(
            List.of(release("1.0.0", Channel.STABLE)), Map.of(), Set.of(), Map.of(), List.of());
    assertEquals(List.of("eole"), decisions.stream().map(Decision::datasource).toList());
  }

  // ---- pins left by a rollback

  private static Decision pinned(
      List<ReleaseFacts> available, String installed, Map<String, SemanticVersion> pins) {
    List<Decision> decisions =
        STABLE_MINOR.decide(
            available,
            Map.of("eole", SemanticVersion.parse(installed)),
            Set.of(),
            pins,
            List.of("eole"));
    assertEquals(1, decisions.size());
    return decisions.get(0);
  }

  @Test
  void pinnedAfterARollback_theReleaseRolledBackFromIsNotImportedAgain() {
    Decision d =
        pinned(
            List.of(release("1.0.0", Channel.STABLE), release("1.1.0", Channel.STABLE)),
            "1.0.0",
            Map.of("eole", SemanticVersion.parse("1.1.0")));
    assertEquals("1.0.0", assertInstanceOf(Decision.UpToDate.class, d).version().toString());
  }

  @Test
  void pinnedAfterARollback_noReleaseBelowThePinIsChosenEither() {
    Decision d =
        pinned(
            List.of(
                release("1.0.0", Channel.STABLE),
                release("1.1.0", Channel.STABLE),
                release("1.2.0", Channel.STABLE)),
            "1.0.0",
            Map.of("eole", SemanticVersion.parse("1.2.0")));
    assertEquals("1.0.0", assertInstanceOf(Decision.UpToDate.class, d).version().toString());
  }

  @Test
  void pinnedAfterARollback_aReleaseNewerThanThePinIsImported() {
    Decision d =
        pinned(
            List.of(
                release("1.0.0", Channel.STABLE),
                release("1.1.0", Channel.STABLE),
                release("1.2.0", Channel.STABLE)),
            "1.0.0",
            Map.of("eole", SemanticVersion.parse("1.1.0")));
    Decision.Update update = assertInstanceOf(Decision.Update.class, d);
    assertEquals("1.2.0", update.release().version().toString());
    assertEquals("1.0.0", update.from().toString());
  }

  @Test
  void aPinOfAnotherDatasource_changesNothing() {
    Decision d =
        pinned(
            List.of(release("1.0.0", Channel.STABLE), release("1.1.0", Channel.STABLE)),
            "1.0.0",
            Map.of("other", SemanticVersion.parse("1.1.0")));
    assertEquals(
        "1.1.0", assertInstanceOf(Decision.Update.class, d).release().version().toString());
  }

  @Test
  void anApprovalGivenBeforeTheRollback_doesNotBringThePinnedReleaseBack() {
    // Only a new approval lifts the pin (AdminService.approve): an old one leaves it in place.
    List<Decision> decisions =
        STABLE_MINOR.decide(
            List.of(release("1.0.0", Channel.STABLE), release("2.0.0", Channel.STABLE)),
            Map.of("eole", SemanticVersion.parse("1.0.0")),
            Set.of("eole 2.0.0"),
            Map.of("eole", SemanticVersion.parse("2.0.0")),
            List.of("eole"));
    assertEquals(
        "1.0.0", assertInstanceOf(Decision.UpToDate.class, decisions.get(0)).version().toString());
  }

  // rollout plans

  private static final SemanticVersion V120 = SemanticVersion.parse("1.2.0");

  /** A site identity whose bucket for eole 1.2.0 lies in [from, to). */
  private static String siteIn(int from, int to) {
    for (int i = 0; ; i++) {
      int bucket = RolloutBucket.of("site-" + i, "eole", V120);
      if (bucket >= from && bucket < to) {
        return "site-" + i;
      }
    }
  }

  private static ReleasePolicy site(String identity, RolloutMode mode) {
    return new ReleasePolicy(
        Channel.STABLE, Bump.MINOR, new ReleasePolicy.Site(identity, mode, NOW));
  }

  /** 1.2.0, released at NOW with the plan {@code plan}. */
  private static ReleaseFacts planned(String plan) {
    return release("1.2.0", Channel.STABLE).withRollout(RolloutPlan.parse(plan, NOW));
  }

  private static Decision decide(ReleasePolicy policy, String installed, ReleaseFacts... releases) {
    return only(policy, List.of(releases), installed, Set.of());
  }

  @Test
  void phased_takesTheReleaseWhenItsBucketIsUnderTheCurrentPercentage() {
    ReleaseFacts release = planned("25%,100% every 1d");

    Decision early = decide(site(siteIn(0, 2500), RolloutMode.PHASED), "1.1.0", release);
    Decision later = decide(site(siteIn(2500, 10_000), RolloutMode.PHASED), "1.1.0", release);

    assertEquals(V120, assertInstanceOf(Decision.Update.class, early).release().version());
    Decision.Waiting waiting = assertInstanceOf(Decision.Waiting.class, later);
    assertEquals(NOW.plus(Duration.ofDays(1)), waiting.expectedFrom());
    assertTrue(
        waiting.reason().startsWith("rollout of 1.2.0 at 25% of the sites; this site's place is "),
        waiting.reason());
    assertTrue(waiting.reason().endsWith("; expected from 2030-01-03T00:00:00Z"), waiting.reason());
  }

  @Test
  void early_takesAtOnce_andLate_onlyAtAHundredPercent() {
    ReleaseFacts release = planned("5%,100% every 2d");
    String lastSite = siteIn(9_000, 10_000);

    assertInstanceOf(
        Decision.Update.class, decide(site(lastSite, RolloutMode.EARLY), "1.1.0", release));
    Decision.Waiting late =
        assertInstanceOf(
            Decision.Waiting.class,
            decide(site(siteIn(0, 500), RolloutMode.LATE), "1.1.0", release));
    assertEquals(NOW.plus(Duration.ofDays(2)), late.expectedFrom());
    assertTrue(late.reason().contains("(rollout: late)"), late.reason());
  }

  @Test
  void aPlanThatStopsBeforeTheSite_isExpectedAtNoKnownTime() {
    Decision.Waiting waiting =
        assertInstanceOf(
            Decision.Waiting.class,
            decide(site(siteIn(5_000, 10_000), RolloutMode.PHASED), "1.1.0", planned("10%")));

    assertNull(waiting.expectedFrom());
    assertTrue(waiting.reason().endsWith("not expected yet: the plan stops before this site"));
  }

  @Test
  void aNewerReleaseSupersedesAnOlderOnesPlan_theSiteWaitsForTheNewest() {
    ReleaseFacts older = release("1.1.0", Channel.STABLE);

    Decision d =
        decide(site(siteIn(500, 10_000), RolloutMode.PHASED), "1.0.0", older, planned("5%"));

    assertEquals(V120, assertInstanceOf(Decision.Waiting.class, d).release().version());
  }

  @Test
  void aNewSite_startsFromTheNewestReleaseThatReachedIt_whileTheNewestWaits() {
    ReleaseFacts older = release("1.1.0", Channel.STABLE);
    ReleasePolicy late = site(siteIn(500, 10_000), RolloutMode.PHASED);

    Decision fresh = decide(late, null, older, planned("5%"));
    Decision alone = decide(late, null, planned("5%"));

    assertEquals(
        "1.1.0", assertInstanceOf(Decision.Update.class, fresh).release().version().toString());
    assertEquals(V120, assertInstanceOf(Decision.Waiting.class, alone).release().version());
  }

  @Test
  void aWaitingMajorRelease_waitsBeforeItIsHeld() {
    ReleaseFacts major =
        release("2.0.0", Channel.STABLE).withRollout(RolloutPlan.parse("1%", NOW.plusSeconds(60)));

    Decision d = decide(site("any-site", RolloutMode.PHASED), "1.0.0", major);

    assertInstanceOf(Decision.Waiting.class, d);
  }

  @Test
  void aHaltedRelease_isPassedOver_forTheNewestBeforeIt() {
    ReleaseFacts halted = planned("100%").withRollout(planned("100%").rollout().halt("bad", NOW));
    ReleaseFacts older = release("1.1.0", Channel.STABLE);
    ReleasePolicy early = site("pilot", RolloutMode.EARLY);

    Decision fromOld = decide(early, "1.0.0", older, halted);
    Decision onOlder = decide(early, "1.1.0", older, halted);
    Decision onHalted = decide(early, "1.2.0", older, halted);
    Decision fresh = decide(early, null, halted);

    assertEquals(
        "1.1.0", assertInstanceOf(Decision.Update.class, fromOld).release().version().toString());
    assertEquals(
        "the rollout of 1.2.0 is halted by the publisher: bad",
        assertInstanceOf(Decision.UpToDate.class, onOlder).halted());
    assertEquals(V120, assertInstanceOf(Decision.UpToDate.class, onHalted).version());
    assertNull(((Decision.UpToDate) onHalted).halted());
    assertEquals(
        "the rollout of 1.2.0 is halted by the publisher: bad",
        assertInstanceOf(Decision.NothingAvailable.class, fresh).reason());
  }

  @Test
  void aRejectedRelease_isNeverChosen_andASiteRunningItKeepsItSayingWhy() {
    ReleaseFacts rejected =
        release("1.2.0", Channel.TESTING)
            .withRejection(new ReleaseFacts.Rejection("breaks amon", NOW));
    ReleasePolicy testing =
        new ReleasePolicy(
            Channel.TESTING, Bump.MINOR, new ReleasePolicy.Site("s", RolloutMode.EARLY, NOW));
    ReleaseFacts older = release("1.1.0", Channel.STABLE);

    Decision fromOld = decide(testing, "1.0.0", older, rejected);
    Decision onRejected = decide(testing, "1.2.0", older, rejected);

    assertEquals(
        "1.1.0", assertInstanceOf(Decision.Update.class, fromOld).release().version().toString());
    Decision.UpToDate kept = assertInstanceOf(Decision.UpToDate.class, onRejected);
    assertEquals(V120, kept.version());
    assertEquals("breaks amon", kept.rejection());
  }
}
