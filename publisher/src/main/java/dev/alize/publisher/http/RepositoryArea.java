package dev.alize.publisher.http;

import java.util.regex.Pattern;

/** The two served folders of the repository; nothing else in it is ever reachable. */
public enum RepositoryArea {
  /** Flat: {@code 1.root.json}, {@code N.targets.json}, {@code timestamp.json}. */
  METADATA("metadata", 1, Pattern.compile("[0-9]+\\..+\\.json")),
  /** {@code <datasource>/<sha256>.<datasource>-<version>.tar.gz}. */
  TARGETS("targets", 8, Pattern.compile("[0-9a-f]{64}\\..+"));

  private final String folder;
  private final int maxDepth;
  private final Pattern immutableName;

  RepositoryArea(String folder, int maxDepth, Pattern immutableName) {
    this.folder = folder;
    this.maxDepth = maxDepth;
    this.immutableName = immutableName;
  }

  public String folder() {
    return folder;
  }

  int maxDepth() {
    return maxDepth;
  }

  /**
   * Versioned metadata and hash-prefixed targets never change once written (consistent snapshots);
   * every other name is replaced in place and must be revalidated.
   */
  public CachePolicy cachePolicy(String fileName) {
    return immutableName.matcher(fileName).matches()
        ? CachePolicy.IMMUTABLE
        : CachePolicy.REVALIDATE;
  }
}
