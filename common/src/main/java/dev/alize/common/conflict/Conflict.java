package dev.alize.common.conflict;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One way an upstream change affects a child model. A child has at most one conflict per kind and
 * subject, so a conflict seen again on a later import is the same conflict.
 *
 * @param child the child model's name
 * @param subject what the conflict is about: a variable, a service, a release or the parent
 * @param message one sentence naming the child and the subject, and saying what to do
 * @param details facts for display, sorted by key, as "old", "new" and "override"
 */
public record Conflict(
    String child, ConflictKind kind, String subject, String message, Map<String, String> details) {

  /** The order conflicts are listed in: by kind, then by subject. */
  public static final Comparator<Conflict> ORDER =
      Comparator.comparing(Conflict::kind).thenComparing(Conflict::subject);

  public Conflict {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    details.values().forEach(v -> Objects.requireNonNull(v, "detail"));
    details = Collections.unmodifiableMap(new TreeMap<>(details));
  }

  public Severity severity() {
    return kind.severity();
  }
}
