package dev.alize.consumer.sync;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositoryException;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.fetch.Fetcher;
import dev.alize.consumer.policy.Decision;
import dev.alize.consumer.policy.ReleasePolicy;
import dev.alize.consumer.update.EtagStore;
import dev.alize.consumer.update.MetadataStore;
import dev.alize.consumer.update.TargetCache;
import dev.alize.consumer.update.Updater;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one repository: refresh its signed metadata from the first mirror that serves it
 * honestly, decide per datasource by policy, download and verify the chosen releases, and hand them
 * to the {@link Importer}. A mirror that fails or lies is reported and the next one is tried;
 * nothing it served is trusted.
 */
public final class SyncService implements RepositorySyncer {

  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  private final StatusStore statuses;
  private final Function<Subscription, Fetcher> fetchers;
  private final Importer importer;
  private final Clock clock;
  private final MetadataLimits limits;

  public SyncService(
      StatusStore statuses,
      Function<Subscription, Fetcher> fetchers,
      Importer importer,
      Clock clock,
      MetadataLimits limits) {
    this.statuses = statuses;
    this.fetchers = fetchers;
    this.importer = importer;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * Syncs one repository, holding its lock file so that a {@code sync --once} run while {@code
   * serve} runs waits for the other's sync rather than racing it: the operator's "sync now".
   */
  @Override
  public List<SyncLine> sync(Subscription repository) {
    Path dir = statuses.repositoryDir(repository.name());
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return syncLocked(repository);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir.resolve(".lock"), e);
    }
  }

  private List<SyncLine> syncLocked(Subscription repository) {
    RepositoryStatus status = statuses.read(repository.name());
    Instant now = clock.instant();
    status.lastAttempt = now;
    Path dir = statuses.repositoryDir(repository.name());
    ensureTrustAnchor(repository, dir.resolve("metadata"));
    Fetcher fetcher = fetchers.apply(repository);
    List<String> errors = new ArrayList<>();
    for (URI base : repository.bases()) {
      Updater updater = updater(base, dir, fetcher, status);
      try {
        updater.refresh();
        List<SyncLine> lines = apply(repository, updater, status);
        status.badMirrors.remove(base.toString());
        status.lastSuccess = now;
        status.lastError = null;
        status.consecutiveFailures = 0;
        statuses.write(repository.name(), status);
        return lines;
      } catch (RepositoryException | DownloadException | ImportException e) {
        LOG.warn("{}: mirror {} refused: {}", repository.name(), base, e.getMessage());
        status.badMirrors.put(base.toString(), e.getMessage());
        errors.add(base + ": " + e.getMessage());
      }
    }
    status.lastError = String.join("; ", errors);
    status.consecutiveFailures++;
    // A datasource first seen in this failed sync has nothing to show yet.
    status.datasources.values().removeIf(d -> d.installed == null && d.held == null);
    statuses.write(repository.name(), status);
    return List.of(
        new SyncLine(repository.name(), SyncLine.Outcome.FAILED, "failed: " + status.lastError));
  }

  private List<SyncLine> apply(Subscription repository, Updater updater, RepositoryStatus status) {
    List<ReleaseFacts> available = new ArrayList<>();
    for (TargetFile target : updater.allTargets()) {
      try {
        available.add(ReleaseFacts.fromJson(target.custom()));
      } catch (IllegalArgumentException e) {
        LOG.debug(
            "{}: target {} carries no release facts; ignored", repository.name(), target.path());
      }
    }
    Map<String, SemanticVersion> installed = new HashMap<>();
    status.datasources.forEach(
        (name, d) -> {
          if (d.installed != null) {
            installed.put(name, SemanticVersion.parse(d.installed));
          }
        });
    List<Decision> decisions =
        new ReleasePolicy(repository.channel(), repository.autoApprove())
            .decide(
                available.stream().filter(r -> repository.follows(r.datasource())).toList(),
                installed,
                statuses.approvals(),
                repository.datasources());
    List<SyncLine> lines = new ArrayList<>();
    for (Decision decision : decisions) {
      String subject = repository.name() + "/" + decision.datasource();
      RepositoryStatus.DatasourceStatus d = status.datasource(decision.datasource());
      if (decision instanceof Decision.UpToDate u) {
        d.held = null;
        d.heldReason = null;
        d.deprecation = u.deprecation();
        lines.add(
            new SyncLine(
                subject,
                SyncLine.Outcome.UP_TO_DATE,
                "up to date at "
                    + u.version()
                    + (u.deprecation() == null ? "" : " (deprecated: " + u.deprecation() + ")")));
      } else if (decision instanceof Decision.Held h) {
        d.held = h.release().version().toString();
        d.heldReason = h.reason();
        lines.add(
            new SyncLine(
                subject,
                SyncLine.Outcome.HELD,
                "held " + h.release().version() + ": " + h.reason()));
      } else if (decision instanceof Decision.NothingAvailable n) {
        lines.add(new SyncLine(subject, SyncLine.Outcome.NOTHING_AVAILABLE, n.reason()));
      } else if (decision instanceof Decision.Update u) {
        lines.add(update(repository, updater, u, d, subject));
      }
    }
    return lines;
  }

  private SyncLine update(
      Subscription repository,
      Updater updater,
      Decision.Update u,
      RepositoryStatus.DatasourceStatus d,
      String subject) {
    TargetFile target =
        updater
            .findTarget(u.release().targetPath())
            .orElseThrow(
                () -> new RepositoryException("targets", "no target " + u.release().targetPath()));
    Path archive = updater.download(target);
    importer.importRelease(repository, u.release(), archive);
    d.installed = u.release().version().toString();
    d.held = null;
    d.heldReason = null;
    d.deprecation = null;
    return new SyncLine(
        subject,
        SyncLine.Outcome.UPDATED,
        "updated " + (u.from() == null ? "(none)" : u.from()) + " -> " + u.release().version());
  }

  private Updater updater(URI base, Path dir, Fetcher fetcher, RepositoryStatus status) {
    String s = base.toString();
    URI root = URI.create(s.endsWith("/") ? s : s + "/");
    return new Updater(
        root.resolve("metadata/"),
        root.resolve("targets/"),
        new MetadataStore(dir.resolve("metadata")),
        new TargetCache(dir.resolve("targets")),
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
        });
  }

  /** The first sync starts from the configured trust anchor; later ones from the newest root. */
  private static void ensureTrustAnchor(Subscription repository, Path metadata) {
    MetadataStore store = new MetadataStore(metadata);
    if (store.read("root").isEmpty()) {
      try {
        store.write("root", Files.readAllBytes(repository.trustedRoot()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the trusted root " + repository.trustedRoot(), e);
      }
    }
  }
}
