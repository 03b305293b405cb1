package dev.alize.common.yaml;

import java.util.List;

/** A YAML sequence. */
public record YamlSequence(List<YamlNode> items, Position position, long expandedSize)
    implements YamlNode {
  public YamlSequence {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
