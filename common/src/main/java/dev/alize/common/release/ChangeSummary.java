package dev.alize.common.release;

import dev.alize.common.diff.ChangeKind;
import dev.alize.common.diff.DatasourceDiff;
import dev.alize.common.version.Bump;
import java.util.List;

/**
 * What a release changed since the previous one, as consumers are told before importing it.
 *
 * <p>Every consumer downloads and verifies the facts of every release on each change, so they must
 * not grow with the number of models: a summary made by {@link #of} names at most {@link #LISTED}
 * models in each list, the first in sorted order, and counts them all. Facts published before the
 * counts existed list every model, and their counts are the lists' sizes.
 *
 * @param modelsAdded paths ({@code RELEASE/MODEL}) of added models, possibly not all of them
 * @param modelsAddedCount how many models were added, at least {@code modelsAdded.size()}
 */
public record ChangeSummary(
    String previousVersion,
    Bump bump,
    List<String> modelsAdded,
    List<String> modelsRemoved,
    List<String> modelsChanged,
    int modelsAddedCount,
    int modelsRemovedCount,
    int modelsChangedCount) {

  /** The most models a list of a new summary names. */
  public static final int LISTED = 100;

  public ChangeSummary {
    modelsAdded = List.copyOf(modelsAdded);
    modelsRemoved = List.copyOf(modelsRemoved);
    modelsChanged = List.copyOf(modelsChanged);
    requireCount("added", modelsAddedCount, modelsAdded);
    requireCount("removed", modelsRemovedCount, modelsRemoved);
    requireCount("changed", modelsChangedCount, modelsChanged);
  }

  /**
   * The summary of complete lists of model paths: each list keeps its first {@link #LISTED} paths
   * in sorted order, and its count is the whole list's size.
   *
   * @param previousVersion null for a first release
   */
  public static ChangeSummary of(
      String previousVersion,
      Bump bump,
      List<String> added,
      List<String> removed,
      List<String> changed) {
    return new ChangeSummary(
        previousVersion,
        bump,
        firstListed(added),
        firstListed(removed),
        firstListed(changed),
        added.size(),
        removed.size(),
        changed.size());
  }

  /** The summary of {@code diff}; {@code previousVersion} is null for a first release. */
  public static ChangeSummary of(String previousVersion, DatasourceDiff diff) {
    return of(
        previousVersion,
        diff.bump(),
        diff.models(ChangeKind.ADDED),
        diff.models(ChangeKind.REMOVED),
        diff.models(ChangeKind.CHANGED));
  }

  private static List<String> firstListed(List<String> paths) {
    return paths.stream().sorted().limit(LISTED).toList();
  }

  private static void requireCount(String what, int count, List<String> listed) {
    if (count < listed.size()) {
      throw new IllegalArgumentException(
          "models " + what + ": the count " + count + " is below the " + listed.size() + " listed");
    }
  }
}
