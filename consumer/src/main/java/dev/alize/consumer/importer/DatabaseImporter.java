package dev.alize.consumer.importer;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.conflict.UpstreamParent;
import dev.alize.common.datasource.ArchiveLoader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.tuf.RootRotation;
import dev.alize.consumer.conflict.ConflictScan;
import dev.alize.consumer.conflict.ConflictService;
import dev.alize.consumer.conflict.DetectedConflict;
import dev.alize.consumer.notify.ImportNotice;
import dev.alize.consumer.notify.Outbox;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseException;
import dev.alize.consumer.store.ApprovalRepository;
import dev.alize.consumer.store.ChildModelStore;
import dev.alize.consumer.store.ConflictChanges;
import dev.alize.consumer.store.DatasourceRepository;
import dev.alize.consumer.store.HeldRelease;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.ImportRunRepository;
import dev.alize.consumer.store.ImportedRelease;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.ModelChanges;
import dev.alize.consumer.store.ModelCounts;
import dev.alize.consumer.store.ModelKey;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.UpstreamReader;
import dev.alize.consumer.store.UpstreamWriter;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a verified release into the database by overwrite, in one transaction: afterwards the
 * datasource's upstream rows are exactly the archive's content, unchanged models untouched, child
 * models unchanged; models removed upstream that children derive from are kept as withdrawn;
 * conflicts with child models are stored and a notification is queued in the outbox. A failure at
 * any point leaves the previous version as it was, and is recorded.
 */
@Singleton
public final class DatabaseImporter implements Importer {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseImporter.class);

  /** Told of each step of an import as it completes: logged, and a place to stop in tests. */
  @FunctionalInterface
  public interface Steps {
    Steps LOG_ONLY = (datasource, step) -> LOG.debug("{}: {}", datasource, step);

    void reached(String datasource, String step);
  }

  private final Database database;
  private final Outbox outbox;
  private final Clock clock;
  private final Steps steps;
  private final DatasourceRepository datasources;
  private final ApprovalRepository approvals;
  private final ImportRunRepository runs;
  private final UpstreamReader upstream;
  private final UpstreamWriter writer;
  private final ChildModelStore children;
  private final ConflictService conflicts;
  private final HeldReleases held;
  private final RootRotations rotations;

  public DatabaseImporter(
      Database database,
      DatasourceRepository datasources,
      ApprovalRepository approvals,
      ImportRunRepository runs,
      UpstreamReader upstream,
      UpstreamWriter writer,
      ChildModelStore children,
      ConflictService conflicts,
      Outbox outbox,
      HeldReleases held,
      RootRotations rotations,
      Clock clock,
      Steps steps) {
    this.database = database;
    this.datasources = datasources;
    this.approvals = approvals;
    this.runs = runs;
    this.upstream = upstream;
    this.writer = writer;
    this.children = children;
    this.conflicts = conflicts;
    this.outbox = outbox;
    this.held = held;
    this.rotations = rotations;
    this.clock = clock;
    this.steps = steps;
  }

  @Override
  public ImportResult importRelease(ImportRequest request) {
    return run(request, Mode.IMPORT, null);
  }

  /**
   * What importing {@code request} would change and which conflicts it would raise, computed by the
   * import itself in a transaction that is rolled back: nothing is stored.
   */
  public ImportResult preview(ImportRequest request) {
    return run(request, Mode.PREVIEW, null);
  }

  /**
   * Imports an earlier release again (a rollback), pinning the datasource below {@code pinnedBelow}
   * so that the next sync does not bring the newer release back.
   */
  public ImportResult rollback(ImportRequest request, String pinnedBelow) {
    return run(request, Mode.ROLLBACK, pinnedBelow);
  }

  private enum Mode {
    IMPORT,
    PREVIEW,
    ROLLBACK
  }

  private ImportResult run(ImportRequest request, Mode mode, String pinnedBelow) {
    String name = request.datasource();
    Instant started = clock.instant();
    ImportedRelease release =
        new ImportedRelease(
            request.repository(),
            name,
            request.version(),
            request.targetPath(),
            request.targetHash(),
            request.targetsVersion());
    try {
      steps.reached(name, "started");
      ReleaseArchive next = ReleaseArchive.open(release.targetPath(), name, request.archive());
      steps.reached(name, "archive read and validated");
      if (mode == Mode.PREVIEW) {
        return database.rolledBackOf(
            name,
            c -> {
              datasources.ensure(name, request.repository());
              return write(c, release, next, mode, pinnedBelow, started);
            });
      }
      ensureRow(name, request.repository());
      ImportResult result =
          database.inTransactionOf(name, c -> write(c, release, next, mode, pinnedBelow, started));
      LOG.info(
          "{}: {} {} -> {} in {} ms: {}",
          name,
          result.skipped() ? "skipped (already imported)" : mode.name().toLowerCase(Locale.ROOT),
          result.fromVersion(),
          result.toVersion(),
          Duration.between(started, clock.instant()).toMillis(),
          result.counts());
      return result;
    } catch (RuntimeException e) {
      if (mode != Mode.PREVIEW) {
        recordFailure(release, mode, started, e);
        LOG.warn(
            "{} {}: import failed, nothing changed: {}", name, release.version(), e.toString());
      }
      throw e instanceof ImportException ie
          ? ie
          : new ImportException(
              name
                  + " "
                  + release.version()
                  + ": import failed, nothing changed: "
                  + e.getMessage(),
              e);
    }
  }

  private void ensureRow(String name, String repository) {
    try {
      database.inTransaction(
          c -> {
            datasources.ensure(name, repository);
            return null;
          });
    } catch (DatabaseException e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
    }
  }

  /** A database error while writing a part, carried out of the part's callback. */
  private static final class PartWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PartWriteException(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  private ImportResult write(
      Connection c,
      ImportedRelease release,
      ReleaseArchive archive,
      Mode mode,
      String pinnedBelow,
      Instant started)
      throws SQLException {
    String name = release.datasource();
    InstalledDatasource before =
        datasources.lock(name).orElseThrow(() -> new SQLException("no datasource row for " + name));
    steps.reached(name, "datasource locked");
    if (before.version() != null && !before.repository().equals(release.repository())) {
      // Each repository has its own trust root: one never replaces another's datasource.
      throw new ImportException(
          name
              + " is imported from repository '"
              + before.repository()
              + "', not '"
              + release.repository()
              + "': stop following "
              + name
              + " in one of them (datasources: [...])");
    }
    if (mode == Mode.ROLLBACK && !Objects.equals(before.version(), pinnedBelow)) {
      throw new ImportException(
          name
              + " is now at "
              + before.version()
              + ", not "
              + pinnedBelow
              + ": another import ran meanwhile; run rollback again if it is still wanted");
    }
    if (mode == Mode.IMPORT
        && release.version().equals(before.version())
        && release.targetHash().equals(before.targetHash())) {
      // Another replica sharing this database imported it while this one waited for the lock.
      runs.record(
          run(
              release,
              "import",
              before.version(),
              ModelCounts.NONE,
              0,
              0,
              started,
              "skipped",
              null));
      return new ImportResult(
          name,
          before.version(),
          release.version(),
          true,
          ModelCounts.NONE,
          ModelChanges.NONE,
          new ConflictChanges(List.of(), List.of(), List.of(), List.of()),
          List.of());
    }
    List<StoredChild> derived = children.ofDatasource(name);
    Set<ModelKey> parents = new HashSet<>();
    derived.forEach(
        d -> parents.add(new ModelKey(d.child().parent().release(), d.child().parent().model())));
    Datasource next = archive.frame();
    ImportPlan plan = new ImportPlan(upstream.storedModels(c, name), parents);
    writer.replaceReleasesAndServices(c, next);
    steps.reached(name, "releases and services written");
    // The models arrive a part at a time; those children derive from are kept for the scan.
    Map<ModelKey, EffectiveModel> parentModels = new HashMap<>();
    try {
      archive.models(
          new ArchiveLoader.Parts() {
            @Override
            public boolean known(ArchiveLoader.Source source) {
              return plan.known(source);
            }

            @Override
            public void part(List<ArchiveLoader.Loaded> models) {
              ImportPlan.Part part = plan.part(models);
              try {
                writer.insert(c, name, part.add(), release.version());
                writer.replace(c, name, part.replace(), release.version());
                writer.updateSourceDigests(c, name, part.redigest());
              } catch (SQLException e) {
                throw new PartWriteException(e);
              }
              for (ArchiveLoader.Loaded loaded : models) {
                EffectiveModel m = loaded.model();
                ModelKey key = new ModelKey(m.release(), m.name());
                if (parents.contains(key)) {
                  parentModels.put(key, m);
                }
              }
            }
          });
    } catch (PartWriteException e) {
      throw e.getCause();
    }
    ImportPlan.Ending ending = plan.end();
    writer.delete(c, name, ending.delete());
    writer.withdraw(c, name, ending.withdraw(), release.version());
    writer.refreshStatistics(c, plan.counts());
    steps.reached(name, "models written");
    // The parents skipped as unchanged are read back as stored, together, with only the variables
    // the children override: detection looks at no other.
    Set<String> overridden = new HashSet<>();
    derived.forEach(d -> d.child().overrides().forEach(o -> overridden.add(o.variable())));
    Map<ModelKey, EffectiveModel> storedParents =
        upstream.findParents(
            c,
            name,
            parents.stream().filter(plan::wasSkipped).toList(),
            overridden,
            next.services());
    steps.reached(name, "parents read");
    ConflictScan scan =
        conflicts.scan(
            derived,
            child -> {
              ModelRef ref = child.child().parent();
              ModelKey key = new ModelKey(ref.release(), ref.model());
              EffectiveModel parent =
                  plan.wasSkipped(key) ? storedParents.get(key) : parentModels.get(key);
              return new UpstreamParent(
                  Optional.ofNullable(parent),
                  next.services().getOrDefault(ref.release(), Map.of()),
                  Optional.ofNullable(next.releases().get(ref.release())));
            },
            name,
            release.version(),
            clock.instant());
    steps.reached(name, "conflicts stored");
    datasources.recordImport(
        before, release, next.info(), clock.instant(), pinnedBelow, mode == Mode.ROLLBACK);
    String kind = mode == Mode.ROLLBACK ? "rollback" : "import";
    ImportResult result =
        new ImportResult(
            name,
            before.version(),
            release.version(),
            false,
            plan.counts(),
            plan.changes(),
            scan.changes(),
            mode == Mode.PREVIEW ? withoutNewIds(scan.detected()) : scan.detected());
    if (mode != Mode.PREVIEW) {
      outbox.add(notice(release, kind, result), clock.instant());
      runs.record(
          run(
              release,
              kind,
              before.version(),
              plan.counts(),
              result.conflicts().raised().size(),
              result.conflicts().closed().size(),
              started,
              "success",
              null));
    }
    steps.reached(name, "recorded");
    return result;
  }

  /** A preview's new conflicts were stored in a transaction rolled back: their ids mean nothing. */
  private static List<DetectedConflict> withoutNewIds(List<DetectedConflict> detected) {
    return detected.stream()
        .map(
            d ->
                d.isNew()
                    ? new DetectedConflict(
                        null,
                        d.child(),
                        d.kind(),
                        d.severity(),
                        d.subject(),
                        d.message(),
                        true,
                        d.open())
                    : d)
        .toList();
  }

  private ImportNotice notice(ImportedRelease release, String kind, ImportResult result) {
    ModelCounts n = result.counts();
    return new ImportNotice(
        kind,
        release.repository(),
        release.datasource(),
        result.fromVersion(),
        release.version(),
        new ImportNotice.Counts(n.added(), n.changed(), n.removed(), n.unchanged(), n.withdrawn()),
        result.conflicts().raised().size(),
        result.conflicts().closed().size(),
        result.detected().stream()
            .filter(DetectedConflict::open)
            .map(
                d ->
                    new ImportNotice.ConflictLine(
                        d.id(), d.child(), d.kind(), d.severity(), d.subject(), d.message()))
            .toList());
  }

  private ImportRun run(
      ImportedRelease release,
      String kind,
      String fromVersion,
      ModelCounts counts,
      int raised,
      int closed,
      Instant started,
      String outcome,
      String error) {
    return new ImportRun(
        0,
        kind,
        release.repository(),
        release.datasource(),
        fromVersion,
        release.version(),
        release.targetHash(),
        release.targetsVersion(),
        counts,
        raised,
        closed,
        started,
        Duration.between(started, clock.instant()).toMillis(),
        outcome,
        error);
  }

  private void recordFailure(
      ImportedRelease release, Mode mode, Instant started, RuntimeException e) {
    try {
      database.inTransaction(
          c -> {
            String from =
                datasources
                    .find(release.datasource())
                    .map(InstalledDatasource::version)
                    .orElse(null);
            runs.record(
                run(
                    release,
                    mode == Mode.ROLLBACK ? "rollback" : "import",
                    from,
                    ModelCounts.NONE,
                    0,
                    0,
                    started,
                    "failed",
                    e.getMessage()));
            return null;
          });
    } catch (DatabaseException recording) {
      LOG.error(
          "{}: cannot record the failed import: {}", release.datasource(), recording.getMessage());
    }
  }

  @Override
  public void recordSync(String repository, Instant started, Instant finished, String error) {
    String outcome = error == null ? "success" : "failed";
    long millis = Duration.between(started, finished).toMillis();
    database.inTransaction(
        c -> {
          // One row per change of state, not per poll: the row stays as the state's first sync
          // left it; the latest poll is in the repository's status.
          Optional<ImportRun> newest = runs.newest(repository).stream().findFirst();
          if (newest.isPresent() && isSync(newest.get(), outcome, error)) {
            return null;
          }
          runs.record(
              new ImportRun(
                  0,
                  "sync",
                  repository,
                  null,
                  null,
                  null,
                  null,
                  null,
                  ModelCounts.NONE,
                  0,
                  0,
                  started,
                  millis,
                  outcome,
                  error));
          return null;
        });
  }

  private static boolean isSync(ImportRun run, String outcome, String error) {
    return run.kind().equals("sync")
        && run.outcome().equals(outcome)
        && Objects.equals(run.error(), error);
  }

  @Override
  public SyncInputs syncInputs(String repository) {
    return database.inTransaction(c -> SyncInputsQuery.read(c, repository));
  }

  @Override
  public List<HeldRelease> recordHolds(
      String repository, Collection<String> decided, List<HeldRelease> holds) {
    return held.record(repository, decided, holds);
  }

  @Override
  public boolean recordRotation(String repository, RootRotation rotation) {
    return rotations.record(repository, rotation);
  }

  @Override
  public Set<String> approvals() {
    return database.inTransaction(c -> approvals.releases());
  }
}
