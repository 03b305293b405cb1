package dev.alize.consumer.admin;

import dev.alize.common.conflict.ModelRef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A child model as an admin writes it.
 *
 * @param set overridden variables: name to value, written in YAML flow style ({@code 3128}, {@code
 *     [a, b]})
 * @param description free text, or null
 */
public record ChildDraft(
    String name,
    ModelRef parent,
    Map<String, String> set,
    List<String> addServices,
    List<String> removeServices,
    String description) {

  public ChildDraft {
    set = new TreeMap<>(set == null ? Map.of() : set);
    addServices = addServices == null ? List.of() : List.copyOf(addServices);
    removeServices = removeServices == null ? List.of() : List.copyOf(removeServices);
  }
}
