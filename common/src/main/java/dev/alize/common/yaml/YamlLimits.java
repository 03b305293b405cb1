package dev.alize.common.yaml;

/**
 * Bounds on what one YAML document may cost to read. The defaults fit hand-written datasource files
 * with a wide margin and stop hostile documents long before they hurt.
 *
 * @param maxDocumentBytes the size of a file, checked before it is read
 * @param maxScalarChars the length of one scalar
 * @param maxNestingDepth how deeply collections may nest
 * @param maxAliases how many aliases one document may use
 * @param maxExpandedNodes how many nodes the document may hold once aliases are expanded
 */
public record YamlLimits(
    long maxDocumentBytes,
    int maxScalarChars,
    int maxNestingDepth,
    int maxAliases,
    long maxExpandedNodes) {

  public static final YamlLimits DEFAULT = new YamlLimits(1 << 20, 64 * 1024, 50, 50, 100_000);

  public YamlLimits {
    if (maxDocumentBytes < 1
        || maxScalarChars < 1
        || maxNestingDepth < 1
        || maxAliases < 0
        || maxExpandedNodes < 1) {
      throw new IllegalArgumentException("YAML limits must be positive");
    }
  }
}
