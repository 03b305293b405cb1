package dev.alize.publisher.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.conflict.Severity;
import dev.alize.common.fleet.HaltPolicy;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.report.SiteReport;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.notify.MaintainerNotice;
import dev.alize.publisher.notify.MaintainerNotifier;
import dev.alize.publisher.persistence.Database;
import dev.alize.publisher.persistence.DatabaseException;
import dev.alize.publisher.repository.PublishException;
import dev.alize.publisher.repository.RepositoryEditor;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Halts a rollout by itself when the datasource's halt policy says so: after a report that tells a
 * failed import or a blocking conflict (the only reports that can raise the figures), it weighs the
 * release's figures across the fleet, and past a threshold halts the release, re-signing with the
 * online keys, records it in the audit log with the figures, and tells the maintainers. The policy
 * acts on a release once: after a maintainer resumes it, or when its halt could not be signed, the
 * rollout is theirs to watch. The editor is looked up only when a halt is due, so that the fleet
 * database works without a repository.
 */
@Singleton
public final class AutoHalt {

  private static final Logger LOG = LoggerFactory.getLogger(AutoHalt.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who halts, in the audit log. */
  public static final String ACTOR = "alize-publisher (halt policy)";

  private final Database database;
  private final AutoHaltRepository halts;
  private final HaltPolicies policies;
  private final Provider<RepositoryEditor> editor;
  private final MaintainerNotifier notifier;
  private final Clock clock;

  public AutoHalt(
      Database database,
      AutoHaltRepository halts,
      HaltPolicies policies,
      Provider<RepositoryEditor> editor,
      MaintainerNotifier notifier,
      Clock clock) {
    this.database = database;
    this.halts = halts;
    this.policies = policies;
    this.editor = editor;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** Weighs the releases {@code report} tells of that could now call for a halt. */
  public void check(SiteReport report) {
    for (SiteReport.DatasourceState d : report.datasources()) {
      Optional<HaltPolicy> policy = policies.of(d.datasource());
      if (policy.isEmpty()) {
        continue;
      }
      Set<SemanticVersion> releases = new TreeSet<>();
      if (d.outcome() == ReportOutcome.FAILED && d.release() != null) {
        releases.add(d.release());
      }
      if (d.installed() != null
          && d.conflicts().stream().anyMatch(c -> c.severity() == Severity.BLOCKING)) {
        releases.add(d.installed());
      }
      for (SemanticVersion version : releases) {
        check(d.datasource(), version, policy.get());
      }
    }
  }

  private void check(String datasource, SemanticVersion version, HaltPolicy policy) {
    String v = version.toString();
    if (database.inTransaction(c -> halts.count(datasource, v)) > 0) {
      return;
    }
    HaltPolicy.Figures figures =
        database.inTransaction(
            c -> FleetQueries.haltFigures(c, new FleetQueries.ReleaseKey(datasource, v)));
    Optional<String> breach = policy.breach(figures);
    if (breach.isEmpty()) {
      return;
    }
    Optional<ReleaseFacts> facts =
        editor.get().view().releases().stream()
            .filter(r -> r.datasource().equals(datasource) && r.version().equals(version))
            .findFirst();
    if (facts.isEmpty()
        || facts.get().halted()
        || facts.get().deprecation() != null
        || facts.get().rejection() != null) {
      return;
    }
    String reason = "halted by policy: " + breach.get();
    Instant now = clock.instant();
    // Recorded first: the policy acts on a release once, whatever the halt then comes to, so that
    // a halt that cannot be signed is not tried and told again at every report.
    try {
      database.inTransaction(
          c -> {
            halts.insert(datasource, v, now.toEpochMilli(), reason);
            return null;
          });
    } catch (DatabaseException e) {
      if (e.isDuplicateKey()) {
        return;
      }
      throw e;
    }
    try {
      editor.get().halt(datasource, version, reason, ACTOR);
    } catch (PublishException e) {
      if (e.kind() == PublishException.Kind.CONFLICT) {
        // Halted meanwhile, by a maintainer.
        return;
      }
      LOG.error(
          "{} {}: the halt policy calls for a halt ({}), but it failed: {}",
          datasource,
          version,
          breach.get(),
          e.getMessage());
      notifier.tell(notice(datasource, v, reason, figures, policy, now, false, e.getMessage()));
      return;
    }
    notifier.tell(notice(datasource, v, reason, figures, policy, now, true, null));
  }

  private static MaintainerNotice notice(
      String datasource,
      String version,
      String reason,
      HaltPolicy.Figures figures,
      HaltPolicy policy,
      Instant at,
      boolean halted,
      String failure) {
    String release = datasource + " " + version;
    ObjectNode json = JSON.createObjectNode();
    json.put("event", halted ? "rollout-halted" : "rollout-halt-failed");
    json.put("datasource", datasource);
    json.put("version", version);
    json.put("at", at.toString());
    json.put("reason", reason);
    json.put("policy", policy.describe());
    json.putObject("figures")
        .put("tried", figures.tried())
        .put("failed", figures.failed())
        .put("installed", figures.installed())
        .put("blocked", figures.blocked());
    if (failure != null) {
      json.put("error", failure);
    }
    String text =
        halted
            ? "The publisher halted the rollout of "
                + release
                + ": "
                + reason
                + " (policy: "
                + policy.describe()
                + "). No site newly takes it; sites that have it keep it. Once it is understood,"
                + " resume it with 'publisher resume "
                + release
                + "', or publish a fix."
            : "The halt policy calls for halting the rollout of "
                + release
                + " ("
                + reason
                + "), but the publisher could not halt it: "
                + failure
                + ". Halt it by hand: 'publisher halt "
                + release
                + " --reason ...'.";
    return new MaintainerNotice(
        (halted ? "halt-" : "halt-failed-") + datasource + "-" + version,
        "Alizé: rollout of "
            + release
            + (halted ? " halted by policy" : " not halted: the publisher could not sign"),
        text,
        json.toString());
  }
}
