package dev.alize.consumer.admin;

import dev.alize.common.conflict.ChildFields;
import dev.alize.common.conflict.ChildModel;
import dev.alize.common.conflict.ChildModels;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.conflict.Conflict;
import dev.alize.common.conflict.ConflictDetector;
import dev.alize.common.conflict.ModelRef;
import dev.alize.common.conflict.UpstreamParent;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.store.ChildModelStore;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.DatasourceStore;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.ImportRunStore;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.ModelSummary;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.store.UpstreamStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What admins do, by the command line or the API: read upstream models, write child models, review
 * conflicts, read the import history and approve releases. Each write is one transaction, and a
 * child model's conflicts are detected again whenever it changes.
 */
public final class AdminService {

  private final Database database;
  private final Clock clock;
  private final UpstreamStore upstream = new UpstreamStore();
  private final DatasourceStore datasources = new DatasourceStore();
  private final ChildModelStore children = new ChildModelStore();
  private final ConflictStore conflicts = new ConflictStore();
  private final ImportRunStore runs = new ImportRunStore();

  public AdminService(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public List<InstalledDatasource> datasources() {
    return database.inTransaction(datasources::list);
  }

  public Map<String, Integer> modelCounts() {
    return database.inTransaction(upstream::counts);
  }

  /** Upstream models, of one datasource or, with null, of all. */
  public List<ModelSummary> models(String datasource) {
    return database.inTransaction(c -> upstream.list(c, datasource));
  }

  /** One upstream model with its effective variables and their provenance. */
  public UpstreamModel model(ModelRef ref) {
    return database.inTransaction(
        c -> {
          EffectiveModel model =
              upstream
                  .findModel(c, ref.datasource(), ref.release(), ref.model())
                  .orElseThrow(() -> notFound("upstream model " + ref));
          return new UpstreamModel(
              ref, model, upstream.isWithdrawn(c, ref.datasource(), ref.release(), ref.model()));
        });
  }

  public List<StoredChild> children() {
    return database.inTransaction(children::list);
  }

  public StoredChild child(String name) {
    return database.inTransaction(
        c ->
            children.findByName(c, name).orElseThrow(() -> notFound("child model '" + name + "'")));
  }

  /** Creates a child model, naming the fields at fault as the command line's options. */
  public StoredChild createChild(ChildDraft draft, String by) {
    return createChild(draft, by, ChildFieldNames.COMMAND_LINE);
  }

  /**
   * Creates a child model, reconciled with its parent as it is now, and detects its conflicts.
   *
   * @throws AdminException naming each field at fault as {@code fields} does
   */
  public StoredChild createChild(ChildDraft draft, String by, ChildFields fields) {
    return database.inTransaction(
        c -> {
          // Serialised with imports of the parent's datasource, which read child models to decide
          // what to withdraw and store their conflicts.
          datasources.lockIfExists(c, draft.parent().datasource());
          if (children.findByName(c, draft.name()).isPresent()) {
            throw new AdminException(
                AdminException.Reason.CLASH,
                "a child model named '" + draft.name() + "' exists already");
          }
          ChildModel child = checked(c, draft, fields);
          long id = children.create(c, child, draft.description(), by, clock.instant());
          detect(c, id, child);
          return children.find(c, id).orElseThrow();
        });
  }

  /** Replaces a child model's overrides and services; its parent cannot change. */
  public StoredChild updateChild(String name, ChildDraft draft, String by, ChildFields fields) {
    return database.inTransaction(
        c -> {
          datasources.lockIfExists(c, draft.parent().datasource());
          StoredChild old =
              children
                  .findByName(c, name)
                  .orElseThrow(() -> notFound("child model '" + name + "'"));
          if (!old.child().parent().equals(draft.parent())) {
            throw new AdminException(
                AdminException.Reason.INVALID,
                "the parent of a child model cannot change: it is "
                    + old.child().parent()
                    + "; create another child model instead");
          }
          return save(c, old, draft, by, fields);
        });
  }

  /**
   * Changes part of a child model, which is then checked and reconciled as a replaced one is.
   *
   * @throws AdminException naming each field at fault as {@code fields} does
   */
  public StoredChild changeChild(String name, ChildChange change, String by, ChildFields fields) {
    return database.inTransaction(
        c -> {
          StoredChild found =
              children
                  .findByName(c, name)
                  .orElseThrow(() -> notFound("child model '" + name + "'"));
          datasources.lockIfExists(c, found.child().parent().datasource());
          // Read again under the lock: what is changed is what is current.
          StoredChild old = children.find(c, found.id()).orElseThrow();
          return save(c, old, change.applyTo(old, fields), by, fields);
        });
  }

  private StoredChild save(
      Connection c, StoredChild old, ChildDraft draft, String by, ChildFields fields)
      throws SQLException {
    ChildModel child = checked(c, draft, fields);
    children.update(c, old.id(), child, draft.description(), by, clock.instant());
    detect(c, old.id(), child);
    return children.find(c, old.id()).orElseThrow();
  }

  public void deleteChild(String name) {
    database.inTransaction(
        c -> {
          StoredChild old =
              children
                  .findByName(c, name)
                  .orElseThrow(() -> notFound("child model '" + name + "'"));
          return children.delete(c, old.id());
        });
  }

  public List<StoredConflict> conflicts(ConflictStore.Status status) {
    return database.inTransaction(c -> conflicts.list(c, status));
  }

  public StoredConflict conflict(long id) {
    return database.inTransaction(c -> findConflict(c, id));
  }

  /** Acknowledges an open conflict: seen, with a comment; it stays until its cause goes. */
  public StoredConflict acknowledge(long id, String by, String comment) {
    return database.inTransaction(
        c -> {
          StoredConflict s = findConflict(c, id);
          if (s.status().equals("resolved")) {
            throw new AdminException(
                AdminException.Reason.CLASH, "conflict " + id + " is resolved already");
          }
          conflicts.setStatus(
              c, id, ConflictStore.Status.ACKNOWLEDGED, by, comment, clock.instant());
          return findConflict(c, id);
        });
  }

  /**
   * Resolves a conflict. For a changed upstream default, the child is reconciled with the new
   * value, so that the next change of it is flagged again.
   */
  public StoredConflict resolve(long id, String by, String comment) {
    return database.inTransaction(
        c -> {
          datasources.lockIfExists(c, findConflict(c, id).datasource());
          StoredConflict s = findConflict(c, id);
          if (s.status().equals("resolved")) {
            throw new AdminException(
                AdminException.Reason.CLASH, "conflict " + id + " is resolved already");
          }
          if (s.kind().equals("default-changed")) {
            reconcileVariable(c, s);
          }
          conflicts.setStatus(c, id, ConflictStore.Status.RESOLVED, by, comment, clock.instant());
          return findConflict(c, id);
        });
  }

  public List<ImportRun> imports(String datasource, int limit) {
    return database.inTransaction(c -> runs.list(c, datasource, limit));
  }

  /** Approves a release held by policy, and lifts a rollback's pin of its datasource. */
  public void approve(String datasource, SemanticVersion version, String by) {
    database.inTransaction(
        c -> {
          datasources.approve(c, datasource, version.toString(), by, clock.instant());
          datasources.unpin(c, datasource);
          return null;
        });
  }

  private void reconcileVariable(Connection c, StoredConflict s) throws SQLException {
    StoredChild stored = children.find(c, s.childId()).orElseThrow();
    ChildModel child = stored.child();
    Optional<EffectiveModel> parent = parentModel(c, child.parent());
    if (parent.isEmpty()) {
      return;
    }
    String version = currentVersion(c, child.parent().datasource());
    ChildModel reconciled =
        ChildModels.reconcile(
            child,
            parent.get(),
            upstream.services(c, child.parent().datasource(), child.parent().release()),
            version);
    // Only the variable of this conflict takes its new upstream value; the others keep theirs.
    List<ChildOverride> overrides = new ArrayList<>();
    for (ChildOverride o : child.overrides()) {
      overrides.add(
          o.variable().equals(s.subject()) ? reconciled.findOverride(o.variable()).orElse(o) : o);
    }
    ChildModel updated =
        new ChildModel(
            child.name(),
            child.parent(),
            overrides,
            child.addedServices(),
            child.removedServices(),
            child.reconciledVersion(),
            child.reconciledServices());
    children.update(
        c, stored.id(), updated, stored.description(), stored.updatedBy(), clock.instant());
  }

  private ChildModel checked(Connection c, ChildDraft draft, ChildFields fields)
      throws SQLException {
    ModelRef ref = draft.parent();
    EffectiveModel parent =
        parentModel(c, ref)
            .orElseThrow(
                () ->
                    new AdminException(
                        AdminException.Reason.INVALID,
                        fields.parent(ref.toString())
                            + ": no such upstream model among those imported, or it was"
                            + " withdrawn"));
    var services = upstream.services(c, ref.datasource(), ref.release());
    List<ChildOverride> overrides = new ArrayList<>();
    draft.set().forEach((k, v) -> overrides.add(new ChildOverride(k, v, null)));
    ChildModel child =
        new ChildModel(
            draft.name(),
            ref,
            overrides,
            draft.addServices(),
            draft.removeServices(),
            "",
            List.of());
    List<String> problems = ChildModels.problems(child, parent, services, fields);
    if (!problems.isEmpty()) {
      throw new AdminException(
          AdminException.Reason.INVALID,
          "child model '" + draft.name() + "' is not valid",
          problems);
    }
    return ChildModels.reconcile(child, parent, services, currentVersion(c, ref.datasource()));
  }

  private void detect(Connection c, long id, ChildModel child) throws SQLException {
    ModelRef ref = child.parent();
    UpstreamParent now =
        new UpstreamParent(
            parentModel(c, ref),
            upstream.services(c, ref.datasource(), ref.release()),
            upstream.findRelease(c, ref.datasource(), ref.release()));
    List<Conflict> found =
        ConflictDetector.detect(child, now, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    conflicts.apply(
        c, id, ref.datasource(), currentVersion(c, ref.datasource()), found, clock.instant());
  }

  /** The parent as upstream has it now; empty when it does not exist or was withdrawn. */
  private Optional<EffectiveModel> parentModel(Connection c, ModelRef ref) throws SQLException {
    if (upstream.isWithdrawn(c, ref.datasource(), ref.release(), ref.model())) {
      return Optional.empty();
    }
    return upstream.findModel(c, ref.datasource(), ref.release(), ref.model());
  }

  private String currentVersion(Connection c, String datasource) throws SQLException {
    return datasources
        .find(c, datasource)
        .map(InstalledDatasource::version)
        .orElseThrow(() -> notFound("datasource '" + datasource + "' (not imported yet)"));
  }

  private StoredConflict findConflict(Connection c, long id) throws SQLException {
    return conflicts.find(c, id).orElseThrow(() -> notFound("conflict " + id));
  }

  private static AdminException notFound(String what) {
    return new AdminException(AdminException.Reason.NOT_FOUND, "no " + what);
  }
}
