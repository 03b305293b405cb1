package dev.alize.consumer.conflict;

import dev.alize.common.conflict.Conflict;
import dev.alize.common.conflict.ConflictDetector;
import dev.alize.common.conflict.ModelRef;
import dev.alize.common.conflict.UpstreamParent;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.store.UpstreamReader;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conflicts between child models and what upstream offers their parents: detected by common's pure
 * detector, stored once per child, kind and subject. The importer runs it against the release it
 * imports; the admin service against what is stored, when an admin creates or changes a child.
 * Works in the caller's transaction.
 */
@Singleton
public final class ConflictService {

  /** What upstream offers a child's parent now: from a release in memory or from the database. */
  @FunctionalInterface
  public interface Upstream {
    UpstreamParent of(StoredChild child);
  }

  private final ConflictStore store;
  private final UpstreamReader upstream;

  ConflictService(ConflictStore store, UpstreamReader upstream) {
    this.store = store;
    this.upstream = upstream;
  }

  /**
   * Detects and stores the conflicts of each child against {@code parents}.
   *
   * @param version the upstream version detection runs against
   */
  public ConflictScan scan(
      List<StoredChild> children,
      Upstream parents,
      String datasource,
      String version,
      Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    ConflictScan scan = new ConflictScan();
    Map<Long, List<StoredConflict>> stored =
        store.byChild(datasource, children.stream().map(StoredChild::id).toList());
    List<Long> seenAgain = new ArrayList<>();
    for (StoredChild child : children) {
      List<Conflict> found = ConflictDetector.detect(child.child(), parents.of(child), today);
      scan.add(
          found,
          store.apply(
              child.id(),
              stored.getOrDefault(child.id(), List.of()),
              datasource,
              version,
              found,
              now,
              seenAgain));
    }
    store.seenAgain(seenAgain, version, now);
    return scan;
  }

  /** Each child's parent as stored now, with its release's services and the release itself. */
  public Upstream stored() {
    return child -> {
      ModelRef ref = child.child().parent();
      return new UpstreamParent(
          parent(ref),
          upstream.services(ref.datasource(), ref.release()),
          upstream.findRelease(ref.datasource(), ref.release()));
    };
  }

  /** The parent as upstream has it now; empty when it does not exist or was withdrawn. */
  public Optional<EffectiveModel> parent(ModelRef ref) {
    if (upstream.isWithdrawn(ref.datasource(), ref.release(), ref.model())) {
      return Optional.empty();
    }
    return upstream.findModel(ref.datasource(), ref.release(), ref.model());
  }
}
