package dev.alize.consumer.store;

import java.util.List;

/** Which upstream models an import added, changed, removed and withdrew, as RELEASE/MODEL. */
public record ModelChanges(
    List<String> added, List<String> changed, List<String> removed, List<String> withdrawn) {

  public static final ModelChanges NONE =
      new ModelChanges(List.of(), List.of(), List.of(), List.of());

  public ModelChanges {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
    withdrawn = List.copyOf(withdrawn);
  }
}
