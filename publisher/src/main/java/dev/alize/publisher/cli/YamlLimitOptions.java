package dev.alize.publisher.cli;

import dev.alize.common.yaml.YamlLimits;
import picocli.CommandLine.Option;

/** The YAML reading limits, for the rare datasource that needs more than the defaults. */
final class YamlLimitOptions {

  @Option(
      names = "--max-file-bytes",
      paramLabel = "N",
      description = "Largest YAML file accepted (default: ${DEFAULT-VALUE}).")
  long maxDocumentBytes = YamlLimits.DEFAULT.maxDocumentBytes();

  @Option(
      names = "--max-scalar-chars",
      paramLabel = "N",
      description = "Longest single value accepted (default: ${DEFAULT-VALUE}).")
  int maxScalarChars = YamlLimits.DEFAULT.maxScalarChars();

  @Option(
      names = "--max-depth",
      paramLabel = "N",
      description = "Deepest nesting accepted (default: ${DEFAULT-VALUE}).")
  int maxNestingDepth = YamlLimits.DEFAULT.maxNestingDepth();

  @Option(
      names = "--max-aliases",
      paramLabel = "N",
      description = "Most YAML aliases in one file (default: ${DEFAULT-VALUE}).")
  int maxAliases = YamlLimits.DEFAULT.maxAliases();

  YamlLimits limits() {
    return new YamlLimits(
        maxDocumentBytes,
        maxScalarChars,
        maxNestingDepth,
        maxAliases,
        YamlLimits.DEFAULT.maxExpandedNodes());
  }
}
