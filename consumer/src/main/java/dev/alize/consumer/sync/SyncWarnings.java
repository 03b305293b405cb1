package dev.alize.consumer.sync;

import dev.alize.common.time.Periods;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.MetadataFormatException;
import dev.alize.common.tuf.RoleExpiry;
import dev.alize.common.tuf.Signed;
import dev.alize.common.tuf.TufTime;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.update.MetadataStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an operator should hear of a repository before the site stops taking updates from it: its
 * trusted metadata expires before the next poll, so that this poll must succeed; or no mirror has
 * answered for longer than its {@code unreachable-warning}. Read from the status and the trusted
 * metadata alone, so that {@code status} tells it without syncing.
 */
public final class SyncWarnings {

  private record Role(String name, Function<byte[], Metadata<? extends Signed>> parse) {}

  /** The order a client checks them in: the first that expires stops every update. */
  private static final List<Role> ROLES =
      List.of(
          new Role("root", Metadata::root),
          new Role("timestamp", Metadata::timestamp),
          new Role("snapshot", Metadata::snapshot),
          new Role("targets", Metadata::targets));

  private SyncWarnings() {}

  /**
   * The expiry of each role of the repository's trusted metadata, in the order a client checks
   * them: those stored and readable.
   */
  public static List<RoleExpiry> expiries(MetadataStore trusted) {
    List<RoleExpiry> out = new ArrayList<>();
    for (Role role : ROLES) {
      expiry(trusted, role).ifPresent(out::add);
    }
    return out;
  }

  /**
   * @param expiries of the repository's trusted metadata, as {@link #expiries} reads them
   */
  public static List<SyncWarning> of(
      Subscription repository, RepositoryStatus status, List<RoleExpiry> expiries, Instant now) {
    Instant nextPoll =
        status.nextAttempt != null && status.nextAttempt.isAfter(now)
            ? status.nextAttempt
            : now.plus(repository.pollInterval());
    List<SyncWarning> out = new ArrayList<>();
    for (RoleExpiry e : expiries) {
      if (e.expiresBy(nextPoll)) {
        out.add(
            new SyncWarning(
                SyncWarning.Kind.EXPIRING,
                repository.name()
                    + ": the trusted "
                    + e.describe(now)
                    + (e.isExpired(now)
                        ? ": this site takes no update from the repository until a mirror serves"
                            + " newer metadata"
                        : ", before the next poll: unless a poll succeeds by then, this site takes"
                            + " no update from the repository")
                    + "; check that a mirror answers ('consumer sync --once') and, if none has"
                    + " newer metadata, tell its publisher"));
      }
    }
    Instant last = status.lastSuccess;
    Duration limit = repository.unreachableWarning();
    if (last != null && Duration.between(last, now).compareTo(limit) > 0) {
      out.add(
          new SyncWarning(
              SyncWarning.Kind.UNREACHABLE,
              repository.name()
                  + ": no mirror has answered since "
                  + TufTime.format(last)
                  + ", more than "
                  + Periods.format(limit)
                  + " ago"
                  + expiries.stream()
                      .filter(e -> e.role().equals("timestamp"))
                      .findFirst()
                      .map(
                          e ->
                              "; the site stops taking updates from it once its trusted timestamp"
                                  + " expires, on "
                                  + TufTime.format(e.expires()))
                      .orElse("")
                  + "; check the network and each mirror's last error ('consumer status')"));
    }
    return out;
  }

  /** The role's trusted metadata, or empty when there is none yet or it does not parse. */
  private static Optional<RoleExpiry> expiry(MetadataStore trusted, Role role) {
    try {
      return trusted
          .read(role.name())
          .map(
              bytes ->
                  RoleExpiry.of(
                      trusted.dir().resolve(role.name() + ".json").toString(),
                      role.parse().apply(bytes).signed()));
    } catch (MetadataFormatException e) {
      return Optional.empty();
    }
  }
}
