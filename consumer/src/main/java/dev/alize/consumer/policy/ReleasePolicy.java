package dev.alize.consumer.policy;

import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses, per datasource, the release to run: the newest (by semantic version) in the accepted
 * channels that is not deprecated, held when its bump from the installed version is above the
 * auto-approve level and no admin approved it. A revoked release is simply absent from the signed
 * targets, so it is never chosen; a consumer running one moves to the newest remaining release.
 */
public final class ReleasePolicy {

  private final Channel channel;
  private final Bump autoApprove;

  public ReleasePolicy(Channel channel, Bump autoApprove) {
    this.channel = channel;
    this.autoApprove = autoApprove;
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
    Optional<ReleaseFacts> newest =
        releases.stream()
            .filter(r -> channel.accepts(r.channel()))
            .filter(r -> r.deprecation() == null)
            // After a rollback, what it rolled back from (and anything older) is not chosen again.
            .filter(
                r ->
                    pin == null
                        || r.version().compareTo(pin) > 0
                        || (installed != null && r.version().compareTo(installed) == 0))
            .max(Comparator.comparing(ReleaseFacts::version));
    if (newest.isEmpty()) {
      return new Decision.NothingAvailable(
          name, "no release of " + name + " in channel " + channel + " or a more trusted one");
    }
    ReleaseFacts candidate = newest.get();
    Optional<ReleaseFacts> running =
        installed == null
            ? Optional.empty()
            : releases.stream().filter(r -> r.version().compareTo(installed) == 0).findFirst();
    if (running.isPresent() && candidate.version().compareTo(installed) <= 0) {
      // Never a downgrade while the installed release is served, even deprecated: say so instead.
      String deprecation =
          running.get().deprecation() == null ? null : running.get().deprecation().reason();
      return new Decision.UpToDate(name, installed, deprecation);
    }
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
              + autoApprove.name().toLowerCase(java.util.Locale.ROOT)
              + "): run 'consumer approve "
              + name
              + " "
              + candidate.version()
              + "'");
    }
    return new Decision.Update(name, installed, candidate);
  }
}
