package dev.alize.common.yaml;

/** A scalar with its text exactly as written and the kind YAML resolved it to. */
public record YamlScalar(String text, ScalarKind kind, Position position) implements YamlNode {
  @Override
  public long expandedSize() {
    return 1;
  }

  @Override
  public String describe() {
    return switch (kind) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case FLOAT -> "a decimal number";
      case BOOLEAN -> "a boolean";
      case NULL -> "an empty value";
      case TIMESTAMP -> "a date";
    };
  }
}
