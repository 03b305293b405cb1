package dev.alize.consumer.console;

import dev.alize.common.conflict.ChildFields;
import dev.alize.common.conflict.Severity;
import dev.alize.common.datasource.Names;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredConflict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the list of conflicts is filtered by, as its form gives it: a severity, a status, a
 * datasource and a child model, each empty for any but the status, which is {@code open} unless
 * told otherwise. A value that cannot be one is kept as given, to be shown again with its problem.
 *
 * @param problems what is wrong with a field, by the field's name; empty when nothing is
 */
public record ConflictFilter(
    String severity, String status, String datasource, String child, Map<String, String> problems) {

  public ConflictFilter {
    problems = Map.copyOf(problems);
  }

  /** The filter of the list's form; null or empty fields filter nothing. */
  static ConflictFilter of(String severity, String status, String datasource, String child) {
    Map<String, String> problems = new LinkedHashMap<>();
    String s = orEmpty(severity);
    if (!s.isEmpty() && Severity.find(s).isEmpty()) {
      problems.put(
          "severity",
          "unknown severity '"
              + ChildFields.shown(s)
              + "': use "
              + Arrays.stream(Severity.values())
                  .map(Severity::wireName)
                  .collect(Collectors.joining(", ")));
    }
    String st = orEmpty(status).isEmpty() ? ConflictStore.Status.OPEN.wireName() : status;
    if (findStatus(st) == null) {
      // The API's words for its status parameter.
      problems.put(
          "status",
          "unknown status '"
              + ChildFields.shown(st)
              + "': use "
              + Arrays.stream(ConflictStore.Status.values())
                  .map(ConflictStore.Status::wireName)
                  .collect(Collectors.joining(", ")));
    }
    name("datasource", orEmpty(datasource), Names.DATASOURCE, problems);
    name("child", orEmpty(child), Names.ITEM, problems);
    return new ConflictFilter(s, st, orEmpty(datasource), orEmpty(child), problems);
  }

  /** The conflicts with the filter's status, to filter further with {@link #matches}. */
  ConflictStore.Status storeStatus() {
    ConflictStore.Status found = findStatus(status);
    return found == null ? ConflictStore.Status.OPEN : found;
  }

  boolean matches(StoredConflict c) {
    return (severity.isEmpty() || severity.equals(c.severity()))
        && (datasource.isEmpty() || datasource.equals(c.datasource()))
        && (child.isEmpty() || child.equals(c.child()));
  }

  /** The problem of {@code field}, or null. */
  public String problem(String field) {
    return problems.get(field);
  }

  /** Each problem, naming its field. */
  public List<String> problemList() {
    List<String> out = new ArrayList<>();
    problems.forEach((field, problem) -> out.add(field + ": " + problem));
    return out;
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  private static void name(
      String field, String value, Names.Rule rule, Map<String, String> problems) {
    if (!value.isEmpty() && !rule.isValid(value)) {
      problems.put(
          field,
          "invalid "
              + rule.what()
              + " name '"
              + ChildFields.shown(value)
              + "': "
              + rule.explanation());
    }
  }

  private static ConflictStore.Status findStatus(String text) {
    return Arrays.stream(ConflictStore.Status.values())
        .filter(s -> s.wireName().equals(text))
        .findFirst()
        .orElse(null);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
