package dev.alize.publisher.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.tuf.RoleExpiry;
import dev.alize.common.tuf.TufTime;
import dev.alize.publisher.notify.MaintainerNotice;
import dev.alize.publisher.notify.MaintainerNotifier;
import dev.alize.publisher.persistence.CommandContext;
import dev.alize.publisher.repository.HumanRenewal;
import dev.alize.publisher.repository.HumanRenewals;
import dev.alize.publisher.repository.PublishException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the maintainers, {@link #WARNING} ahead, of metadata that expires unless one of them acts
 * ({@link HumanRenewals}), and again once it has expired: once per role, version and stage, however
 * often it runs. Keeps the earliest such expiry for its gauge.
 */
@Singleton
@Requires(notEnv = CommandContext.ENVIRONMENT)
final class ExpiryWatch {

  private static final Logger LOG = LoggerFactory.getLogger(ExpiryWatch.class);

  /** A root key ceremony takes people and a date: a month leaves time to find both. */
  static final Duration WARNING = Duration.ofDays(30);

  private enum Stage {
    EXPIRING,
    EXPIRED
  }

  private final HumanRenewals renewals;
  private final MaintainerNotifier notifier;
  private final Clock clock;
  private final Set<String> told = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Optional<RoleExpiry>> earliest =
      new AtomicReference<>(Optional.empty());

  ExpiryWatch(HumanRenewals renewals, MaintainerNotifier notifier, Clock clock) {
    this.renewals = renewals;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** The first metadata to expire that only a maintainer can renew, as of the last check. */
  Optional<RoleExpiry> earliest() {
    return earliest.get();
  }

  @Scheduled(
      fixedDelay = "${alize.publisher.refresh-interval:5m}",
      initialDelay = "${alize.publisher.refresh-initial-delay:1s}")
  synchronized void run() {
    List<HumanRenewal> all;
    try {
      all = renewals.all();
    } catch (PublishException e) {
      // The re-sign job and /health tell of a repository that cannot be read.
      return;
    }
    Instant now = clock.instant();
    earliest.set(
        all.stream().map(HumanRenewal::expiry).min(Comparator.comparing(RoleExpiry::expires)));
    Set<String> current = new HashSet<>();
    for (HumanRenewal renewal : all) {
      RoleExpiry expiry = renewal.expiry();
      Stage stage =
          expiry.isExpired(now)
              ? Stage.EXPIRED
              : expiry.expiresBy(now.plus(WARNING)) ? Stage.EXPIRING : null;
      if (stage == null) {
        continue;
      }
      String key = expiry.role() + "/" + expiry.version() + "/" + stage;
      current.add(key);
      if (told.add(key)) {
        tell(renewal, stage, now);
      }
    }
    // A warning whose cause went away is told again if it comes back.
    told.retainAll(current);
  }

  private void tell(HumanRenewal renewal, Stage stage, Instant now) {
    RoleExpiry expiry = renewal.expiry();
    String consequence =
        stage == Stage.EXPIRED
            ? "every consumer refuses the repository until it is renewed"
            : "consumers will refuse the repository once it has expired";
    String text =
        expiry.describe(now)
            + ", and only a maintainer can renew it: "
            + renewal.why()
            + "; "
            + consequence
            + "; to renew it, "
            + renewal.fix();
    if (stage == Stage.EXPIRED) {
      LOG.error("{}", text);
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("kind", stage == Stage.EXPIRED ? "metadata-expired" : "metadata-expiring");
    json.put("role", expiry.role());
    json.put("version", expiry.version());
    json.put("file", expiry.file());
    json.put("expires", TufTime.format(expiry.expires()));
    json.put("why", renewal.why());
    json.put("fix", renewal.fix());
    notifier.tell(
        new MaintainerNotice(
            "expiry-"
                + expiry.role()
                + "-"
                + expiry.version()
                + "-"
                + stage.name().toLowerCase(Locale.ROOT),
            "Alizé: "
                + expiry.role()
                + " metadata "
                + (stage == Stage.EXPIRED
                    ? "has expired"
                    : "expires in " + Math.max(0, expiry.daysLeft(now)) + " day(s)")
                + " and needs a maintainer",
            text,
            json.toString()));
  }
}
