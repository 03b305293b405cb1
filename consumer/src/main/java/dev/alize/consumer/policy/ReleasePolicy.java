package dev.alize.consumer.policy;

import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.release.RolloutBucket;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.release.RolloutPlan;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses, per datasource, the release to run: the newest (by semantic version) in the accepted
 * channels that is neither deprecated, rejected nor halted, taken when the rollout plan reaches
 * this site, and held when its bump from the installed version is above the auto-approve level and
 * no admin approved it. A revoked release is simply absent from the signed targets, so it is never
 * chosen; a consumer running one moves to the newest remaining release.
 *
 * <p>The newest release supersedes the plans of older ones: a site waiting for its turn in the
 * rollout of 1.2.0 does not take 1.1.0 meanwhile, so that it imports one change, not two; a new
 * site, which has nothing to keep, starts from the newest release that has reached it. A halted
 * release is passed over, so the newest release before it is chosen as if it were not there.
 */
public final class ReleasePolicy {

  /**
   * The site deciding: its identity places it in each rollout, its mode says when it takes its
   * turn, and {@code now} is the time at which its refresh verified the metadata.
   */
  public record Site(String identity, RolloutMode mode, Instant now) {}

  private final Channel channel;
  private final Bump autoApprove;
  private final Site site;

  public ReleasePolicy(Channel channel, Bump autoApprove, Site site) {
    this.channel = channel;
    this.autoApprove = autoApprove;
    this.site = site;
  }

  /**
   * @param available the releases the verified targets list
   * @param installed the version installed per datasource
   * @param approved the versions an admin approved, as {@code NAME VERSION}
   * @param pins per datasource rolled back, the version rolled back from: no release up to it is
   *     chosen
   * @param followed the datasources to decide for; the installed and available ones when empty
   */
  public List<Decision> decide(
      Collection<ReleaseFacts> available,
      Map<String, SemanticVersion> installed,
      Set<String> approved,
      Map<String, SemanticVersion> pins,
      Collection<String> followed) {
    Map<String, List<ReleaseFacts>> byDatasource = new TreeMap<>();
    available.forEach(
        r -> byDatasource.computeIfAbsent(r.datasource(), d -> new ArrayList<>()).add(r));
    Set<String> names = new TreeSet<>(followed);
    if (names.isEmpty()) {
      names.addAll(byDatasource.keySet());
      names.addAll(installed.keySet());
    }
    List<Decision> decisions = new ArrayList<>();
    for (String name : names) {
      decisions.add(
          decide(
              name,
              byDatasource.getOrDefault(name, List.of()),
              installed.get(name),
              approved,
              pins.get(name)));
    }
    return decisions;
  }

  private Decision decide(
      String name,
      List<ReleaseFacts> releases,
      SemanticVersion installed,
      Set<String> approved,
      SemanticVersion pin) {
    List<ReleaseFacts> acceptable =
        releases.stream()
            .filter(r -> channel.accepts(r.channel()))
            .filter(r -> r.deprecation() == null && r.rejection() == null)
            // After a rollback, what it rolled back from (and anything older) is not chosen again.
            .filter(
                r ->
                    pin == null
                        || r.version().compareTo(pin) > 0
                        || (installed != null && r.version().compareTo(installed) == 0))
            .sorted(Comparator.comparing(ReleaseFacts::version).reversed())
            .toList();
    // Sites that took a release before its halt keep it; nobody new takes it.
    ReleaseFacts haltedNewer =
        acceptable.stream()
            .filter(ReleaseFacts::halted)
            .filter(r -> installed == null || r.version().compareTo(installed) > 0)
            .findFirst()
            .orElse(null);
    Optional<ReleaseFacts> newest =
        acceptable.stream()
            .filter(
                r -> !r.halted() || (installed != null && r.version().compareTo(installed) == 0))
            .findFirst();
    if (newest.isEmpty()) {
      return new Decision.NothingAvailable(
          name,
          haltedNewer == null
              ? "no release of " + name + " in channel " + channel + " or a more trusted one"
              : halted(haltedNewer));
    }
    ReleaseFacts candidate = newest.get();
    Optional<ReleaseFacts> running =
        installed == null
            ? Optional.empty()
            : releases.stream().filter(r -> r.version().compareTo(installed) == 0).findFirst();
    if (running.isPresent() && candidate.version().compareTo(installed) <= 0) {
      // Never a downgrade while the installed release is served, even deprecated: say so instead.
      ReleaseFacts r = running.get();
      return new Decision.UpToDate(
          name,
          installed,
          r.deprecation() == null ? null : r.deprecation().reason(),
          r.rejection() == null ? null : r.rejection().reason(),
          haltedNewer == null ? null : halted(haltedNewer));
    }
    if (candidate.rollout() != null) {
      Optional<Decision.Waiting> waiting = waiting(name, installed, candidate, candidate.rollout());
      if (waiting.isPresent()) {
        if (installed == null) {
          // A new site has nothing to keep meanwhile: it starts from the newest release that has
          // reached it.
          Optional<ReleaseFacts> reached =
              acceptable.stream()
                  .filter(r -> r.version().compareTo(candidate.version()) < 0 && !r.halted())
                  .filter(r -> r.rollout() == null || waiting(name, null, r, r.rollout()).isEmpty())
                  .findFirst();
          if (reached.isPresent()) {
            return take(name, null, reached.get(), approved);
          }
        }
        return waiting.get();
      }
    }
    return take(name, installed, candidate, approved);
  }

  /** The release to import, or held for an admin when its bump is above the auto-approve level. */
  private Decision take(
      String name, SemanticVersion installed, ReleaseFacts candidate, Set<String> approved) {
    Bump bump = installed == null ? Bump.NONE : candidate.version().bumpFrom(installed);
    boolean isApproved = approved.contains(name + " " + candidate.version());
    if (bump.compareTo(autoApprove) > 0 && !isApproved) {
      return new Decision.Held(
          name,
          installed,
          candidate,
          bump
              + " release "
              + candidate.version()
              + " needs an admin's approval (auto-approve: "
              + autoApprove.name().toLowerCase(Locale.ROOT)
              + "): run 'consumer approve "
              + name
              + " "
              + candidate.version()
              + "'");
    }
    return new Decision.Update(name, installed, candidate);
  }

  private Optional<Decision.Waiting> waiting(
      String name, SemanticVersion installed, ReleaseFacts candidate, RolloutPlan plan) {
    int bucket = RolloutBucket.of(site.identity(), name, candidate.version());
    return plan.waitFor(bucket, site.mode(), site.now())
        .map(
            wait ->
                new Decision.Waiting(
                    name,
                    installed,
                    candidate,
                    "rollout of "
                        + candidate.version()
                        + " at "
                        + wait.percentNow()
                        + "% of the sites; "
                        + (site.mode() == RolloutMode.LATE
                            ? "this site is late (rollout: late) and takes it at 100%"
                            : "this site's place is "
                                + RolloutBucket.describe(bucket)
                                + " (rollout: "
                                + site.mode()
                                + ")")
                        + (wait.expectedFrom() == null
                            ? "; not expected yet: the plan stops before this site"
                            : "; expected from " + wait.expectedFrom()),
                    wait.expectedFrom()));
  }

  private static String halted(ReleaseFacts release) {
    return "the rollout of "
        + release.version()
        + " is halted by the publisher: "
        + release.rollout().halt().reason();
  }
}
