package dev.alize.common.release;

import dev.alize.common.diff.ChangeKind;
import dev.alize.common.diff.DatasourceDiff;
import dev.alize.common.version.Bump;
import java.util.List;

/** What a release changed since the previous one, as consumers are told before importing it. */
public record ChangeSummary(
    String previousVersion,
    Bump bump,
    List<String> modelsAdded,
    List<String> modelsRemoved,
    List<String> modelsChanged) {

  public ChangeSummary {
    modelsAdded = List.copyOf(modelsAdded);
    modelsRemoved = List.copyOf(modelsRemoved);
    modelsChanged = List.copyOf(modelsChanged);
  }

  /** The summary of {@code diff}; {@code previousVersion} is null for a first release. */
  public static ChangeSummary of(String previousVersion, DatasourceDiff diff) {
    return new ChangeSummary(
        previousVersion,
        diff.bump(),
        diff.models(ChangeKind.ADDED),
        diff.models(ChangeKind.REMOVED),
        diff.models(ChangeKind.CHANGED));
  }
}
