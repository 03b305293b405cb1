package dev.alize.common.diff;

import dev.alize.common.version.Bump;
import java.util.List;

/**
 * One change between two versions of a datasource.
 *
 * @param path the item: {@code RELEASE}, {@code RELEASE/SERVICE}, {@code RELEASE/SERVICE/VARIABLE}
 *     or {@code RELEASE/MODEL}; the datasource's name for the datasource itself
 * @param details what changed in a changed item, one line each
 * @param bump the version bump this change requires
 */
public record Change(
    ChangeKind kind, Subject subject, String path, List<String> details, Bump bump) {
  public Change {
    details = List.copyOf(details);
  }

  @Override
  public String toString() {
    return kind.symbol() + " " + subject.word() + " " + path;
  }
}
