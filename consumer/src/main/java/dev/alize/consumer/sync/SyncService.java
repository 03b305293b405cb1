package dev.alize.consumer.sync;

import dev.alize.common.codec.Hashes;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.report.ErrorClass;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositoryException;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.conflict.DetectedConflict;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.fetch.Fetcher;
import dev.alize.consumer.importer.ImportException;
import dev.alize.consumer.importer.ImportRequest;
import dev.alize.consumer.importer.ImportResult;
import dev.alize.consumer.importer.Importer;
import dev.alize.consumer.importer.SyncInputs;
import dev.alize.consumer.policy.Decision;
import dev.alize.consumer.policy.ReleasePolicy;
import dev.alize.consumer.store.HeldRelease;
import dev.alize.consumer.update.EtagStore;
import dev.alize.consumer.update.MetadataStore;
import dev.alize.consumer.update.TargetCache;
import dev.alize.consumer.update.Updater;
import dev.alize.consumer.update.VerifiedMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one repository: refresh its signed metadata from the first mirror that serves it
 * honestly, decide per datasource by policy, download and verify the chosen releases, and hand them
 * to the {@link Importer}. A mirror that fails or lies is reported and the next one is tried;
 * nothing it served is trusted.
 *
 * <p>A poll that finds nothing new costs little: the metadata verified by the last sync is reused
 * (see {@link Updater}), the database is read in one transaction, and nothing is written to it.
 */
public final class SyncService implements RepositorySyncer {

  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  private final StatusStore statuses;
  private final Function<Subscription, Fetcher> fetchers;
  private final Importer importer;
  private final Clock clock;
  private final MetadataLimits limits;
  private final Supplier<String> identity;
  private final Consumer<String> changed;
  private final VerifiedMetadata verified = new VerifiedMetadata();

  /** Per repository, the release facts of the last targets read: parsed again when they change. */
  private final Map<String, Releases> releases = new ConcurrentHashMap<>();

  private record Releases(List<TargetFile> targets, List<ReleaseFacts> facts) {}

  /**
   * @param identity this site's identity, which places it in each rollout
   * @param changed told the name of each repository synced whose reports are on, once its sync
   *     ended
   */
  public SyncService(
      StatusStore statuses,
      Function<Subscription, Fetcher> fetchers,
      Importer importer,
      Clock clock,
      MetadataLimits limits,
      Supplier<String> identity,
      Consumer<String> changed) {
    this.statuses = statuses;
    this.fetchers = fetchers;
    this.importer = importer;
    this.clock = clock;
    this.limits = limits;
    this.identity = identity;
    this.changed = changed;
  }

  /**
   * Syncs one repository, holding its lock file so that a {@code sync --once} run while {@code
   * serve} runs waits for the other's sync rather than racing it: the operator's "sync now".
   */
  @Override
  public List<SyncLine> sync(Subscription repository) {
    Path lockFile = statuses.folder().lock(repository.name());
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        List<SyncLine> lines = syncLocked(repository);
        if (repository.reportUrl() != null) {
          changed.accept(repository.name());
        }
        return lines;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile, e);
    }
  }

  /**
   * What importing a release of {@code datasource} would do: the given version, or else the one the
   * policy would choose next (held or not). The signed metadata is refreshed and the archive
   * verified as for a sync; nothing is imported.
   *
   * @throws ImportException when no such release is offered
   */
  public Preview preview(Subscription repository, String datasource, SemanticVersion version) {
    ensureTrustAnchor(repository, statuses.folder().metadata(repository.name()));
    Fetcher fetcher = fetchers.apply(repository);
    RepositoryStatus status = statuses.read(repository.name());
    RuntimeException last = null;
    for (URI base : repository.bases()) {
      // Not under the repository's lock: nothing verified here is kept for its syncs.
      Updater updater = updater(base, repository.name(), fetcher, status, new VerifiedMetadata());
      try {
        refresh(repository, updater);
        ReleaseFacts release = choose(repository, updater, datasource, version);
        return new Preview(release, importer.preview(request(repository, updater, release)));
      } catch (RepositoryException | DownloadException e) {
        LOG.warn("{}: mirror {} refused: {}", repository.name(), base, e.getMessage());
        last = e;
      }
    }
    throw new ImportException(repository.name() + ": no mirror served it: " + last.getMessage());
  }

  /**
   * Refreshes the metadata, and tells a root rotation it followed, even when a later step of the
   * refresh is refused: the new root is stored then, and the next refresh starts from it.
   */
  private void refresh(Subscription repository, Updater updater) {
    try {
      updater.refresh();
    } finally {
      updater
          .rotation()
          .ifPresent(
              r -> {
                LOG.info("{}: followed a rotation of its {}", repository.name(), r.describe());
                importer.recordRotation(repository.name(), r);
              });
    }
  }

  /** A release and what importing it would do. */
  public record Preview(ReleaseFacts release, ImportResult result) {}

  private ReleaseFacts choose(
      Subscription repository, Updater updater, String datasource, SemanticVersion version) {
    List<ReleaseFacts> releases =
        releases(repository, updater).stream()
            .filter(r -> r.datasource().equals(datasource))
            .toList();
    if (version != null) {
      return releases.stream()
          .filter(r -> r.version().compareTo(version) == 0)
          .findFirst()
          .orElseThrow(
              () ->
                  new ImportException(
                      repository.name() + " offers no release " + datasource + " " + version));
    }
    SyncInputs inputs = importer.syncInputs(repository.name());
    Decision decision =
        policy(repository)
            .decide(
                releases,
                inputs.installed(),
                inputs.approvals(),
                inputs.pins(),
                List.of(datasource))
            .get(0);
    if (decision instanceof Decision.Update u) {
      return u.release();
    }
    if (decision instanceof Decision.Held h) {
      return h.release();
    }
    if (decision instanceof Decision.Waiting w) {
      return w.release();
    }
    throw new ImportException(
        datasource
            + ": nothing to preview: "
            + (decision instanceof Decision.NothingAvailable n
                ? n.reason()
                : "up to date; name a VERSION to preview another release"));
  }

  /** The policy of {@code repository}, for this site at the time its metadata was verified. */
  private ReleasePolicy policy(Subscription repository) {
    return new ReleasePolicy(
        repository.channel(),
        repository.autoApprove(),
        new ReleasePolicy.Site(identity.get(), repository.rollout(), clock.instant()));
  }

  private List<ReleaseFacts> releases(Subscription repository, Updater updater) {
    List<TargetFile> targets = updater.allTargets();
    Releases last = releases.get(repository.name());
    // The same list when the updater reused what it verified: its facts are those parsed then.
    if (last == null || last.targets() != targets) {
      List<ReleaseFacts> facts = new ArrayList<>();
      for (TargetFile target : targets) {
        try {
          facts.add(ReleaseFacts.fromJson(target.custom()));
        } catch (IllegalArgumentException e) {
          LOG.debug(
              "{}: target {} carries no release facts; ignored", repository.name(), target.path());
        }
      }
      last = new Releases(targets, facts);
      releases.put(repository.name(), last);
    }
    return last.facts().stream().filter(r -> repository.follows(r.datasource())).toList();
  }

  private ImportRequest request(Subscription repository, Updater updater, ReleaseFacts release) {
    TargetFile target =
        updater
            .findTarget(release.targetPath())
            .orElseThrow(
                () -> new RepositoryException("targets", "no target " + release.targetPath()));
    Path archive = updater.download(target);
    String sha256 = target.hashes().get("sha256");
    return new ImportRequest(
        repository.name(),
        release.datasource(),
        release.version().toString(),
        release.targetPath(),
        archive,
        // Targets signed with other hashes only: the verified archive's own SHA-256 is recorded.
        sha256 != null ? sha256 : sha256(archive),
        updater.trusted().targets("targets").map(t -> (int) t.signed().version()).orElse(null));
  }

  private static String sha256(Path file) {
    try {
      return Hashes.sha256Hex(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private List<SyncLine> syncLocked(Subscription repository) {
    RepositoryStatus status = statuses.read(repository.name());
    Instant now = clock.instant();
    status.lastAttempt = now;
    ensureTrustAnchor(repository, statuses.folder().metadata(repository.name()));
    Fetcher fetcher = fetchers.apply(repository);
    List<String> errors = new ArrayList<>();
    ErrorClass errorClass = ErrorClass.DOWNLOAD;
    for (URI base : repository.bases()) {
      Updater updater = updater(base, repository.name(), fetcher, status, verified);
      try {
        refresh(repository, updater);
        SyncInputs inputs = importer.syncInputs(repository.name());
        Applied applied = apply(repository, updater, status, inputs);
        status.badMirrors.remove(base.toString());
        status.lastSuccess = now;
        status.lastError = null;
        status.consecutiveFailures = 0;
        statuses.write(repository.name(), status);
        // A success after a success, with no import between, is no change of state.
        if (!inputs.syncedLast() || applied.imported()) {
          importer.recordSync(repository.name(), now, clock.instant(), null);
        }
        return applied.lines();
      } catch (RepositoryException | DownloadException e) {
        LOG.warn("{}: mirror {} refused: {}", repository.name(), base, e.getMessage());
        status.badMirrors.put(base.toString(), e.getMessage());
        errors.add(base + ": " + e.getMessage());
        if (e instanceof RepositoryException) {
          // One mirror that served what does not verify says more than others being down.
          errorClass = ErrorClass.VERIFICATION;
        }
      }
    }
    status.lastError = String.join("; ", errors);
    status.consecutiveFailures++;
    // A datasource first seen in this failed sync has nothing to show yet.
    status.datasources.values().removeIf(d -> d.installed == null && d.held == null);
    for (RepositoryStatus.DatasourceStatus d : status.datasources.values()) {
      d.outcome = ReportOutcome.FAILED.wireName();
      d.errorClass = errorClass.wireName();
      d.release = null;
    }
    statuses.write(repository.name(), status);
    importer.recordSync(repository.name(), now, clock.instant(), status.lastError);
    return List.of(
        new SyncLine(repository.name(), SyncLine.Outcome.FAILED, "failed: " + status.lastError));
  }

  /** What a sync applied: its lines, and whether it tried an import. */
  private record Applied(List<SyncLine> lines, boolean imported) {}

  private Applied apply(
      Subscription repository, Updater updater, RepositoryStatus status, SyncInputs inputs) {
    List<ReleaseFacts> available = releases(repository, updater);
    // The database is the truth of what is installed: replicas sharing it see each other's imports.
    inputs
        .installed()
        .forEach((name, version) -> status.datasource(name).installed = version.toString());
    List<Decision> decisions =
        policy(repository)
            .decide(
                available,
                inputs.installed(),
                inputs.approvals(),
                inputs.pins(),
                repository.datasources());
    List<HeldRelease> holds = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision instanceof Decision.Held h) {
        holds.add(
            new HeldRelease(
                h.datasource(),
                h.release().version().toString(),
                repository.name(),
                h.installed() == null ? null : h.installed().toString(),
                h.reason(),
                clock.instant()));
      }
    }
    // Told once per release held, before the lines that repeat it at every poll.
    if (!holdsRecorded(inputs, decisions, holds)) {
      importer.recordHolds(
          repository.name(), decisions.stream().map(Decision::datasource).toList(), holds);
    }
    List<SyncLine> lines = new ArrayList<>();
    for (Decision decision : decisions) {
      String subject = repository.name() + "/" + decision.datasource();
      RepositoryStatus.DatasourceStatus d = status.datasource(decision.datasource());
      if (!(decision instanceof Decision.Waiting)) {
        d.waiting = null;
        d.waitingReason = null;
        d.expectedFrom = null;
      }
      d.errorClass = null;
      d.outcome = outcome(decision).wireName();
      d.release = release(decision);
      if (decision instanceof Decision.UpToDate u) {
        d.held = null;
        d.heldReason = null;
        d.deprecation = u.deprecation();
        d.rejection = u.rejection();
        d.halted = u.halted();
        lines.add(
            new SyncLine(
                subject,
                SyncLine.Outcome.UP_TO_DATE,
                "up to date at "
                    + u.version()
                    + (u.deprecation() == null ? "" : " (deprecated: " + u.deprecation() + ")")
                    + (u.rejection() == null ? "" : " (rejected: " + u.rejection() + ")")
                    + (u.halted() == null ? "" : " (" + u.halted() + ")")));
      } else if (decision instanceof Decision.Held h) {
        d.held = h.release().version().toString();
        d.heldReason = h.reason();
        lines.add(
            new SyncLine(
                subject,
                SyncLine.Outcome.HELD,
                "held " + h.release().version() + ": " + h.reason()));
      } else if (decision instanceof Decision.Waiting w) {
        d.held = null;
        d.heldReason = null;
        d.halted = null;
        d.waiting = w.release().version().toString();
        d.waitingReason = w.reason();
        d.expectedFrom = w.expectedFrom();
        lines.add(
            new SyncLine(
                subject,
                SyncLine.Outcome.WAITING,
                "waiting for " + w.release().version() + ": " + w.reason()));
      } else if (decision instanceof Decision.NothingAvailable n) {
        lines.add(new SyncLine(subject, SyncLine.Outcome.NOTHING_AVAILABLE, n.reason()));
      } else if (decision instanceof Decision.Update u) {
        lines.add(update(repository, updater, u, d, subject));
      }
    }
    return new Applied(lines, decisions.stream().anyMatch(Decision.Update.class::isInstance));
  }

  /**
   * Whether the database holds exactly the holds decided for each datasource decided: then
   * recording them would change nothing.
   */
  private static boolean holdsRecorded(
      SyncInputs inputs, List<Decision> decisions, List<HeldRelease> holds) {
    for (Decision decision : decisions) {
      Set<String> decided =
          holds.stream()
              .filter(h -> h.datasource().equals(decision.datasource()))
              .map(HeldRelease::version)
              .collect(Collectors.toSet());
      if (!decided.equals(inputs.held().getOrDefault(decision.datasource(), Set.of()))) {
        return false;
      }
    }
    return true;
  }

  private SyncLine update(
      Subscription repository,
      Updater updater,
      Decision.Update u,
      RepositoryStatus.DatasourceStatus d,
      String subject) {
    ImportResult result;
    try {
      result = importer.importRelease(request(repository, updater, u.release()));
    } catch (ImportException e) {
      // The release was served and verified: the mirror is not at fault, and the other
      // datasources of the repository are still imported.
      LOG.warn("{}: {}", subject, e.getMessage());
      d.outcome = ReportOutcome.FAILED.wireName();
      d.errorClass = ErrorClass.IMPORT.wireName();
      return new SyncLine(subject, SyncLine.Outcome.FAILED, "failed: " + e.getMessage());
    }
    d.installed = u.release().version().toString();
    d.held = null;
    d.heldReason = null;
    d.deprecation = null;
    d.rejection = null;
    d.halted = null;
    if (result.skipped()) {
      d.outcome = ReportOutcome.UP_TO_DATE.wireName();
      return new SyncLine(
          subject,
          SyncLine.Outcome.UP_TO_DATE,
          "up to date at " + u.release().version() + " (imported by another replica)");
    }
    return new SyncLine(
        subject,
        SyncLine.Outcome.UPDATED,
        "updated "
            + (u.from() == null ? "(none)" : u.from())
            + " -> "
            + u.release().version()
            + ": "
            + summary(result));
  }

  /** The release a decision is about, as reports tell it; null when it is about none. */
  private static String release(Decision decision) {
    if (decision instanceof Decision.Update u) {
      return u.release().version().toString();
    }
    if (decision instanceof Decision.Held h) {
      return h.release().version().toString();
    }
    return decision instanceof Decision.Waiting w ? w.release().version().toString() : null;
  }

  /** What a decision comes to, as reports tell it; an update is imported unless it fails. */
  private static ReportOutcome outcome(Decision decision) {
    if (decision instanceof Decision.UpToDate) {
      return ReportOutcome.UP_TO_DATE;
    }
    if (decision instanceof Decision.Update) {
      return ReportOutcome.IMPORTED;
    }
    if (decision instanceof Decision.Held) {
      return ReportOutcome.HELD;
    }
    return decision instanceof Decision.Waiting
        ? ReportOutcome.WAITING
        : ReportOutcome.NOTHING_AVAILABLE;
  }

  /** The counts and the open conflicts of an import, in one phrase. */
  private static String summary(ImportResult r) {
    List<DetectedConflict> open = r.detected().stream().filter(DetectedConflict::open).toList();
    long blocking = open.stream().filter(c -> c.severity().equals("blocking")).count();
    long warnings = open.stream().filter(c -> c.severity().equals("warning")).count();
    long information = open.size() - blocking - warnings;
    return String.format(
        "%d added, %d changed, %d removed, %d unchanged%s; conflicts: %d blocking, %d warning, %d"
            + " information",
        r.counts().added(),
        r.counts().changed(),
        r.counts().removed(),
        r.counts().unchanged(),
        r.counts().withdrawn() == 0 ? "" : ", " + r.counts().withdrawn() + " withdrawn",
        blocking,
        warnings,
        information);
  }

  private Updater updater(
      URI base,
      String repository,
      Fetcher fetcher,
      RepositoryStatus status,
      VerifiedMetadata verified) {
    String s = base.toString();
    URI root = URI.create(s.endsWith("/") ? s : s + "/");
    return new Updater(
        root.resolve("metadata/"),
        root.resolve("targets/"),
        new MetadataStore(statuses.folder().metadata(repository)),
        new TargetCache(statuses.folder().targets(repository)),
        fetcher,
        clock,
        limits,
        new EtagStore() {
          @Override
          public Optional<String> find(String url) {
            return Optional.ofNullable(status.etags.get(url));
          }

          @Override
          public void put(String url, String etag) {
            if (etag == null) {
              status.etags.remove(url);
            } else {
              status.etags.put(url, etag);
            }
          }
        },
        verified);
  }

  /** The first sync starts from the configured trust anchor; later ones from the newest root. */
  private static void ensureTrustAnchor(Subscription repository, Path metadata) {
    MetadataStore store = new MetadataStore(metadata);
    if (!store.exists("root")) {
      try {
        store.write("root", Files.readAllBytes(repository.trustedRoot()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the trusted root " + repository.trustedRoot(), e);
      }
    }
  }
}
