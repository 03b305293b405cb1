package dev.alize.common.diff;

import dev.alize.common.version.Bump;
import java.util.List;

/** Every change between two versions of a datasource, and the bump they require together. */
public record DatasourceDiff(List<Change> changes) {
  public DatasourceDiff {
    changes = List.copyOf(changes);
  }

  public Bump bump() {
    return changes.stream().map(Change::bump).reduce(Bump.NONE, Bump::max);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The paths ({@code RELEASE/MODEL}) of the models that had this kind of change. */
  public List<String> models(ChangeKind kind) {
    return changes.stream()
        .filter(c -> c.subject() == Subject.MODEL && c.kind() == kind)
        .map(Change::path)
        .toList();
  }
}
