package dev.alize.consumer.importer;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.consumer.store.ModelChanges;
import dev.alize.consumer.store.ModelCounts;
import dev.alize.consumer.store.ModelKey;
import dev.alize.consumer.store.StoredModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What importing a datasource release changes in the stored models: compared by content hash, so
 * that an unchanged model is not rewritten.
 *
 * @param write models to insert: added ones, and changed ones after their old rows are deleted
 * @param delete models whose rows go: changed ones (rewritten) and removed ones
 * @param withdraw models removed upstream that child models still derive from: kept, flagged
 */
record ImportPlan(
    List<EffectiveModel> write,
    List<ModelKey> delete,
    List<ModelKey> withdraw,
    ModelCounts counts,
    ModelChanges changes) {

  static ImportPlan of(
      Datasource next, Map<ModelKey, StoredModel> stored, Set<ModelKey> parentsOfChildren) {
    Map<ModelKey, EffectiveModel> wanted = new TreeMap<>();
    next.models()
        .forEach(
            (release, models) ->
                models.forEach((name, m) -> wanted.put(new ModelKey(release, name), m)));
    List<EffectiveModel> write = new ArrayList<>();
    List<ModelKey> delete = new ArrayList<>();
    List<ModelKey> withdraw = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    int unchanged = 0;
    for (Map.Entry<ModelKey, EffectiveModel> e : wanted.entrySet()) {
      StoredModel old = stored.get(e.getKey());
      if (old == null) {
        added.add(e.getKey().toString());
        write.add(e.getValue());
      } else if (old.withdrawn() || !old.contentHash().equals(e.getValue().contentHash())) {
        // A withdrawn model that comes back is rewritten as active.
        changed.add(e.getKey().toString());
        delete.add(e.getKey());
        write.add(e.getValue());
      } else {
        unchanged++;
      }
    }
    for (StoredModel old : stored.values()) {
      if (wanted.containsKey(old.key())) {
        continue;
      }
      if (parentsOfChildren.contains(old.key())) {
        if (!old.withdrawn()) {
          withdraw.add(old.key());
        }
      } else {
        removed.add(old.key().toString());
        delete.add(old.key());
      }
    }
    return new ImportPlan(
        write,
        delete,
        withdraw,
        new ModelCounts(added.size(), changed.size(), removed.size(), unchanged, withdraw.size()),
        new ModelChanges(
            added, changed, removed, withdraw.stream().map(ModelKey::toString).toList()));
  }
}
