package dev.alize.common.yaml;

/**
 * An immutable YAML node read in safe mode. Aliases share nodes instead of copying them, so {@link
 * #expandedSize()} is what a naive walk would visit; the reader bounds it.
 */
public sealed interface YamlNode permits YamlScalar, YamlSequence, YamlMapping {
  Position position();

  long expandedSize();

  /** A word for error messages: "a string", "a list", "a mapping". */
  String describe();
}
