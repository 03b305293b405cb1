package dev.alize.consumer.importer;

import dev.alize.common.datasource.ArchiveLoader;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.consumer.store.ModelChanges;
import dev.alize.consumer.store.ModelCounts;
import dev.alize.consumer.store.ModelKey;
import dev.alize.consumer.store.StoredModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What importing a datasource release changes in the stored models, planned as its models arrive a
 * part at a time: compared by content hash, so that an unchanged model is not rewritten.
 */
final class ImportPlan {

  /**
   * What one part of the release changes.
   *
   * @param add models not stored yet
   * @param replace changed models, rewritten in place
   * @param redigest unchanged models loaded from other bytes, whose source digest is updated
   */
  record Part(
      List<ArchiveLoader.Loaded> add,
      List<ArchiveLoader.Loaded> replace,
      List<ArchiveLoader.Loaded> redigest) {}

  /**
   * What is left once every part arrived.
   *
   * @param delete models removed upstream
   * @param withdraw models removed upstream that child models still derive from: kept, flagged
   */
  record Ending(List<ModelKey> delete, List<ModelKey> withdraw) {}

  private final Map<ModelKey, StoredModel> stored;
  private final Set<ModelKey> parentsOfChildren;
  private final Set<ModelKey> seen = new HashSet<>();
  private final Set<ModelKey> skipped = new HashSet<>();
  private final Set<ModelKey> added = new TreeSet<>();
  private final Set<ModelKey> changed = new TreeSet<>();
  private final Set<ModelKey> removed = new TreeSet<>();
  private final Set<ModelKey> withdrawn = new TreeSet<>();
  private int unchanged;

  ImportPlan(Map<ModelKey, StoredModel> stored, Set<ModelKey> parentsOfChildren) {
    this.stored = stored;
    this.parentsOfChildren = parentsOfChildren;
  }

  /**
   * Whether the model of {@code source} is stored as it is, active: then it is unchanged, and
   * neither parsed nor written.
   */
  boolean known(ArchiveLoader.Source source) {
    ModelKey key = new ModelKey(source.release(), source.name());
    StoredModel old = stored.get(key);
    if (old == null || old.withdrawn() || !source.digest().equals(old.sourceDigest())) {
      return false;
    }
    seen.add(key);
    skipped.add(key);
    unchanged++;
    return true;
  }

  /** Whether {@link #known} skipped this model: it was neither parsed nor handed over. */
  boolean wasSkipped(ModelKey key) {
    return skipped.contains(key);
  }

  Part part(Collection<ArchiveLoader.Loaded> models) {
    List<ArchiveLoader.Loaded> add = new ArrayList<>();
    List<ArchiveLoader.Loaded> replace = new ArrayList<>();
    List<ArchiveLoader.Loaded> redigest = new ArrayList<>();
    for (ArchiveLoader.Loaded loaded : models) {
      EffectiveModel m = loaded.model();
      ModelKey key = new ModelKey(m.release(), m.name());
      seen.add(key);
      StoredModel old = stored.get(key);
      if (old == null) {
        added.add(key);
        add.add(loaded);
      } else if (old.withdrawn() || !old.contentHash().equals(m.contentHash())) {
        // A withdrawn model that comes back is rewritten as active.
        changed.add(key);
        replace.add(loaded);
      } else {
        unchanged++;
        if (loaded.sourceDigest() != null && !loaded.sourceDigest().equals(old.sourceDigest())) {
          // The same model from other bytes (a comment, a service's description): its digest is
          // brought up to date, so that the next import skips it.
          redigest.add(loaded);
        }
      }
    }
    return new Part(add, replace, redigest);
  }

  Ending end() {
    List<ModelKey> delete = new ArrayList<>();
    List<ModelKey> withdraw = new ArrayList<>();
    for (StoredModel old : stored.values()) {
      if (seen.contains(old.key())) {
        continue;
      }
      if (parentsOfChildren.contains(old.key())) {
        if (!old.withdrawn()) {
          withdraw.add(old.key());
          withdrawn.add(old.key());
        }
      } else {
        delete.add(old.key());
        removed.add(old.key());
      }
    }
    return new Ending(delete, withdraw);
  }

  ModelCounts counts() {
    return new ModelCounts(
        added.size(), changed.size(), removed.size(), unchanged, withdrawn.size());
  }

  ModelChanges changes() {
    return new ModelChanges(names(added), names(changed), names(removed), names(withdrawn));
  }

  private static List<String> names(Set<ModelKey> keys) {
    return keys.stream().map(ModelKey::toString).toList();
  }
}
