package dev.alize.consumer.admin;

import dev.alize.common.conflict.ChildFieldNames;
import dev.alize.common.conflict.ChildFields;
import dev.alize.common.conflict.ChildModel;
import dev.alize.common.conflict.ChildModels;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.Service;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.conflict.ConflictService;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.report.ReportMarks;
import dev.alize.consumer.store.Approval;
import dev.alize.consumer.store.ApprovalRepository;
import dev.alize.consumer.store.ChildModelStore;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.DatasourceRepository;
import dev.alize.consumer.store.HeldRelease;
import dev.alize.consumer.store.HeldReleaseRepository;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.ImportRunRepository;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.ModelSummary;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.store.UpstreamReader;
import dev.alize.consumer.sync.VerifiedReleases;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What admins do, by the command line or the API: read upstream models, write child models, review
 * conflicts, read the import history and approve releases. Each write is one transaction, and a
 * child model's conflicts are detected again whenever it changes.
 */
@Singleton
public final class AdminService {

  private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);

  /** How many times a child model is checked again when what it rested on keeps changing. */
  private static final int CHECK_ATTEMPTS = 3;

  private final Database database;
  private final Clock clock;
  private final DatasourceRepository datasources;
  private final ApprovalRepository approvals;
  private final ImportRunRepository runs;
  private final UpstreamReader upstream;
  private final ChildModelStore children;
  private final ConflictStore conflicts;
  private final ConflictService conflictService;
  private final HeldReleaseRepository held;
  private final ReportMarks reports;
  private final VerifiedReleases verified;

  public AdminService(
      Database database,
      DatasourceRepository datasources,
      ApprovalRepository approvals,
      ImportRunRepository runs,
      UpstreamReader upstream,
      ChildModelStore children,
      ConflictStore conflicts,
      ConflictService conflictService,
      HeldReleaseRepository held,
      ReportMarks reports,
      VerifiedReleases verified,
      Clock clock) {
    this.verified = verified;
    this.held = held;
    this.reports = reports;
    this.upstream = upstream;
    this.children = children;
    this.conflicts = conflicts;
    this.conflictService = conflictService;
    this.datasources = datasources;
    this.approvals = approvals;
    this.runs = runs;
    this.database = database;
    this.clock = clock;
  }

  public List<InstalledDatasource> datasources() {
    return database.inTransaction(c -> datasources.list());
  }

  public Map<String, Integer> modelCounts() {
    return database.inTransaction(c -> upstream.counts());
  }

  /** The number of releases held for approval, per datasource that has one. */
  public Map<String, Integer> heldCounts() {
    Map<String, Integer> out = new TreeMap<>();
    database
        .inTransaction(c -> held.list())
        .forEach(h -> out.merge(h.datasource(), 1, Integer::sum));
    return out;
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
                  .findModel(ref.datasource(), ref.release(), ref.model())
                  .orElseThrow(() -> notFound("upstream model " + ref));
          return new UpstreamModel(
              ref, model, upstream.isWithdrawn(ref.datasource(), ref.release(), ref.model()));
        });
  }

  /** The services a release offers, with their variables: what a child model may add. */
  public Map<String, Service> services(String datasource, String release) {
    return database.inTransaction(c -> upstream.services(datasource, release));
  }

  public List<StoredChild> children() {
    return database.inTransaction(c -> children.list());
  }

  public StoredChild child(String name) {
    return database.inTransaction(
        c -> children.findByName(name).orElseThrow(() -> notFound("child model '" + name + "'")));
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
    return reported(
        checkedThenLocked(
            () -> {
              refuseTakenName(draft.name());
              return checked(draft, fields, null);
            },
            check -> {
              refuseTakenName(draft.name());
              long id = children.create(check.child(), draft.description(), by, clock.instant());
              detect(id);
              return children.find(id).orElseThrow();
            }));
  }

  private void refuseTakenName(String name) {
    if (children.findByName(name).isPresent()) {
      throw new AdminException(
          AdminException.Reason.CLASH, "a child model named '" + name + "' exists already");
    }
  }

  /** A child model changed, and with it the conflicts its datasource's report counts. */
  private StoredChild reported(StoredChild child) {
    reports.datasource(child.child().parent().datasource());
    return child;
  }

  /** Replaces a child model's overrides and services; its parent cannot change. */
  public StoredChild updateChild(String name, ChildDraft draft, String by, ChildFields fields) {
    return reported(
        checkedThenLocked(
            () -> {
              StoredChild old = stored(name);
              if (!old.child().parent().equals(draft.parent())) {
                throw new AdminException(
                    AdminException.Reason.INVALID,
                    "the parent of a child model cannot change: it is "
                        + old.child().parent()
                        + "; create another child model instead");
              }
              return checked(draft, fields, old);
            },
            check -> saved(check, by)));
  }

  /**
   * Changes part of a child model, which is then checked and reconciled as a replaced one is.
   *
   * @throws AdminException naming each field at fault as {@code fields} does
   */
  public StoredChild changeChild(String name, ChildChange change, String by, ChildFields fields) {
    return reported(
        checkedThenLocked(() -> changed(stored(name), change, fields), check -> saved(check, by)));
  }

  private CheckedChild changed(StoredChild old, ChildChange change, ChildFields fields) {
    return checked(change.applyTo(old, fields), fields, old);
  }

  private StoredChild stored(String name) {
    return children.findByName(name).orElseThrow(() -> notFound("child model '" + name + "'"));
  }

  private StoredChild saved(CheckedChild check, String by) {
    long id = check.old().id();
    children.update(id, check.child(), check.description(), by, clock.instant());
    detect(id);
    return children.find(id).orElseThrow();
  }

  /**
   * Checks a child model in a transaction that locks nothing, then writes it under its datasource's
   * lock: a value's check costs what its pattern makes it cost, and must never hold up imports or
   * other admins. When an import or another admin changed what the check rested on in between, it
   * is checked again.
   */
  private <T> T checkedThenLocked(Supplier<CheckedChild> check, Function<CheckedChild, T> write) {
    for (int attempt = 1; ; attempt++) {
      CheckedChild checked = database.inTransaction(c -> check.get());
      Optional<T> written =
          database.inTransactionOf(
              checked.datasource(),
              c -> {
                datasources.lock(checked.datasource());
                if (!checked.isCurrent(currentVersion(checked.datasource()), children)) {
                  return Optional.empty();
                }
                return Optional.of(write.apply(checked));
              });
      if (written.isPresent()) {
        return written.get();
      }
      if (attempt == CHECK_ATTEMPTS) {
        throw new AdminException(
            AdminException.Reason.CLASH,
            "datasource '"
                + checked.datasource()
                + "' or the child model changed while the change was checked, "
                + CHECK_ATTEMPTS
                + " times; try again");
      }
    }
  }

  public void deleteChild(String name) {
    String datasource = child(name).child().parent().datasource();
    StoredChild deleted =
        database.inTransactionOf(
            datasource,
            c -> {
              // An import of the parent's datasource stores conflicts of the children it read:
              // the child stays until it commits.
              datasources.lock(datasource);
              StoredChild old = stored(name);
              children.delete(old.id());
              return old;
            });
    reported(deleted);
  }

  public List<StoredConflict> conflicts(ConflictStore.Status status) {
    return database.inTransaction(c -> conflicts.list(status));
  }

  public StoredConflict conflict(long id) {
    return database.inTransaction(c -> findConflict(id));
  }

  /** Acknowledges an open conflict: seen, with a comment; it stays until its cause goes. */
  public StoredConflict acknowledge(long id, String by, String comment) {
    return settled(database.inTransaction(c -> acknowledged(id, by, comment)));
  }

  /** {@link #acknowledge}'s work, in the caller's transaction. */
  private StoredConflict acknowledged(long id, String by, String comment) {
    StoredConflict s = findConflict(id);
    if (s.status().equals("resolved")) {
      throw new AdminException(
          AdminException.Reason.CLASH, "conflict " + id + " is resolved already");
    }
    conflicts.setStatus(id, ConflictStore.Status.ACKNOWLEDGED, by, comment, clock.instant());
    return findConflict(id);
  }

  /**
   * Acknowledges the open or acknowledged conflicts {@code ids}, all of them or, when one does not
   * exist or is resolved, none.
   */
  public List<StoredConflict> acknowledgeAll(List<Long> ids, String by, String comment) {
    List<StoredConflict> acknowledged =
        database.inTransaction(
            c -> {
              List<StoredConflict> out = new ArrayList<>();
              for (long id : ids) {
                out.add(acknowledged(id, by, comment));
              }
              return out;
            });
    acknowledged.stream().map(StoredConflict::datasource).distinct().forEach(reports::datasource);
    return acknowledged;
  }

  /**
   * Settles a conflict about a variable the child overrides by removing the override, so that
   * upstream's value applies, then records the conflict resolved by {@code by}: one transaction.
   *
   * @throws AdminException as {@link #changeChild} does, or when the conflict is about no override
   */
  public StoredConflict takeUpstream(long id, String by, String comment, ChildFields fields) {
    return settledByChange(
        id,
        s -> new ChildChange(null, List.of(s.subject()), null, null, null),
        by,
        comment,
        fields);
  }

  /**
   * Settles a conflict about a variable the child overrides by overriding it with {@code value},
   * checked as {@link #changeChild} checks it, then records the conflict resolved by {@code by}.
   */
  public StoredConflict setValue(
      long id, String value, String by, String comment, ChildFields fields) {
    return settledByChange(
        id,
        s -> new ChildChange(Map.of(s.subject(), value), null, null, null, null),
        by,
        comment,
        fields);
  }

  private StoredConflict settledByChange(
      long id,
      Function<StoredConflict, ChildChange> change,
      String by,
      String comment,
      ChildFields fields) {
    return settled(
        checkedThenLocked(
            () -> {
              StoredConflict s = settleable(id);
              return changed(stored(s.child()), change.apply(s), fields);
            },
            check -> {
              settleable(id);
              saved(check, by);
              // The change reconciled the child, which closed the conflict as one whose cause
              // went; it is the admin's doing, so it is recorded as theirs.
              conflicts.setStatus(id, ConflictStore.Status.RESOLVED, by, comment, clock.instant());
              return findConflict(id);
            }));
  }

  /** A conflict that a change of its child's override can settle. */
  private StoredConflict settleable(long id) {
    StoredConflict s = findConflict(id);
    if (s.status().equals("resolved")) {
      throw new AdminException(
          AdminException.Reason.CLASH, "conflict " + id + " is resolved already");
    }
    if (!ConflictKind.find(s.kind()).map(ConflictKind::isAboutOverride).orElse(false)) {
      throw new AdminException(
          AdminException.Reason.INVALID,
          "conflict " + id + " is about no variable the child overrides: it is " + s.kind());
    }
    return s;
  }

  /** A conflict left the open ones its datasource's report counts. */
  private StoredConflict settled(StoredConflict conflict) {
    reports.datasource(conflict.datasource());
    return conflict;
  }

  /**
   * Resolves a conflict. For a changed upstream default, the child is reconciled with the new
   * value, so that the next change of it is flagged again.
   */
  public StoredConflict resolve(long id, String by, String comment) {
    String datasource = conflict(id).datasource();
    return settled(
        database.inTransactionOf(
            datasource,
            c -> {
              datasources.lock(datasource);
              StoredConflict s = findConflict(id);
              if (s.status().equals("resolved")) {
                throw new AdminException(
                    AdminException.Reason.CLASH, "conflict " + id + " is resolved already");
              }
              if (s.kind().equals("default-changed")) {
                reconcileVariable(s);
              }
              conflicts.setStatus(id, ConflictStore.Status.RESOLVED, by, comment, clock.instant());
              return findConflict(id);
            }));
  }

  public List<ImportRun> imports(String datasource, int limit) {
    return database.inTransaction(
        c -> datasource == null ? runs.list(limit) : runs.list(datasource, limit));
  }

  /** The releases held for approval now, by datasource then version. */
  public List<HeldRelease> heldReleases() {
    return database.inTransaction(c -> held.list());
  }

  /** The admins' approvals, by datasource then version; imported ones included. */
  public List<Approval> approvals() {
    return database.inTransaction(c -> approvals.list());
  }

  /**
   * Approves a release held by policy, or that will be, and lifts a rollback's pin of its
   * datasource. Only a release that the signed metadata lists can be approved: a version no
   * maintainer published yet cannot be approved before anyone could review it.
   *
   * @throws AdminException NOT_FOUND when the metadata the last successful sync verified lists no
   *     such release
   */
  public void approve(String datasource, SemanticVersion version, String by) {
    approve(datasource, version, by, false);
  }

  /**
   * Approves a release the last sync held, as {@link #approve} does: one that is not held is
   * refused, so that a form cannot approve what no admin was shown.
   *
   * @throws AdminException NOT_FOUND when the release is not held
   */
  public void approveHeld(String datasource, SemanticVersion version, String by) {
    approve(datasource, version, by, true);
  }

  private void approve(String datasource, SemanticVersion version, String by, boolean heldOnly) {
    database.inTransaction(
        c -> {
          if (heldOnly
              && held.of(datasource).stream()
                  .noneMatch(h -> h.version().equals(version.toString()))) {
            throw notHeld(datasource, version);
          }
          if (!verified.lists(datasource, version)) {
            throw new AdminException(
                AdminException.Reason.NOT_FOUND,
                "no release "
                    + datasource
                    + " "
                    + version
                    + " in the signed metadata the last successful sync verified: approve a release"
                    + " that a configured repository publishes, after a sync");
          }
          approvals.approve(datasource, version.toString(), by, clock.instant());
          datasources.unpin(datasource);
          return null;
        });
    reports.datasource(datasource);
  }

  /**
   * A release held for approval.
   *
   * @throws AdminException NOT_FOUND when it is not held
   */
  public HeldRelease heldRelease(String datasource, SemanticVersion version) {
    return database.inTransaction(
        c ->
            held.of(datasource).stream()
                .filter(h -> h.version().equals(version.toString()))
                .findFirst()
                .orElseThrow(() -> notHeld(datasource, version)));
  }

  private static AdminException notHeld(String datasource, SemanticVersion version) {
    return new AdminException(
        AdminException.Reason.NOT_FOUND,
        "no release " + datasource + " " + version + " is held for approval");
  }

  /**
   * Withdraws the approval of a release, so that the next sync holds it again. A pin that the
   * approval lifted stays lifted: the release stays held by policy all the same.
   *
   * @throws AdminException NOT_FOUND when the release was not approved
   */
  public void withdrawApproval(String datasource, SemanticVersion version, String by) {
    int deleted = database.inTransaction(c -> approvals.delete(datasource, version.toString()));
    if (deleted == 0) {
      throw new AdminException(
          AdminException.Reason.NOT_FOUND,
          "no approval of " + datasource + " " + version + " to withdraw");
    }
    LOG.info("approval of {} {} withdrawn by {}", datasource, version, by);
    reports.datasource(datasource);
  }

  private void reconcileVariable(StoredConflict s) {
    StoredChild stored = children.find(s.childId()).orElseThrow();
    ChildModel child = stored.child();
    Optional<EffectiveModel> parent = conflictService.parent(child.parent());
    if (parent.isEmpty()) {
      return;
    }
    String version = currentVersion(child.parent().datasource());
    ChildModel reconciled =
        ChildModels.reconcile(
            child,
            parent.get(),
            upstream.services(child.parent().datasource(), child.parent().release()),
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
        stored.id(), updated, stored.description(), stored.updatedBy(), clock.instant());
  }

  /** {@code draft} checked against its parent as it is now; {@code old} is what it replaces. */
  private CheckedChild checked(ChildDraft draft, ChildFields fields, StoredChild old) {
    ModelRef ref = draft.parent();
    EffectiveModel parent =
        conflictService
            .parent(ref)
            .orElseThrow(
                () ->
                    new AdminException(
                        AdminException.Reason.INVALID,
                        fields.parent(ref.toString())
                            + ": no such upstream model among those imported, or it was"
                            + " withdrawn"));
    var services = upstream.services(ref.datasource(), ref.release());
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
    String version = currentVersion(ref.datasource());
    return new CheckedChild(
        ChildModels.reconcile(child, parent, services, version), draft.description(), version, old);
  }

  /** Detects and stores the conflicts of the child model {@code id} as it is stored now. */
  private void detect(long id) {
    StoredChild stored = children.find(id).orElseThrow();
    String datasource = stored.child().parent().datasource();
    conflictService.scan(
        List.of(stored),
        conflictService.stored(),
        datasource,
        currentVersion(datasource),
        clock.instant());
  }

  private String currentVersion(String datasource) {
    return datasources
        .find(datasource)
        .map(InstalledDatasource::version)
        .orElseThrow(() -> notFound("datasource '" + datasource + "' (not imported yet)"));
  }

  private StoredConflict findConflict(long id) {
    return conflicts.find(id).orElseThrow(() -> notFound("conflict " + id));
  }

  private static AdminException notFound(String what) {
    return new AdminException(AdminException.Reason.NOT_FOUND, "no " + what);
  }
}
