package dev.alize.publisher.cli;

import dev.alize.common.yaml.YamlLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The YAML reading limits, for the rare datasource that needs more than the defaults. */
final class YamlLimitOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

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

  /**
   * The limits given, each checked as picocli checks an option's type.
   *
   * @throws ParameterException a usage error naming the option, for a limit below its least
   */
  YamlLimits limits() {
    atLeast("--max-file-bytes", maxDocumentBytes, 1);
    atLeast("--max-scalar-chars", maxScalarChars, 1);
    atLeast("--max-depth", maxNestingDepth, 1);
    atLeast("--max-aliases", maxAliases, 0);
    return new YamlLimits(
        maxDocumentBytes,
        maxScalarChars,
        maxNestingDepth,
        maxAliases,
        YamlLimits.DEFAULT.maxExpandedNodes());
  }

  private void atLeast(String option, long value, long least) {
    if (value < least) {
      throw new ParameterException(
          spec.commandLine(), option + " " + value + ": write a number from " + least + " up");
    }
  }
}
