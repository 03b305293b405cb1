package dev.alize.common.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A YAML mapping with string keys, in document order; duplicate keys never reach here. */
public record YamlMapping(Map<String, Entry> entries, Position position, long expandedSize)
    implements YamlNode {

  /** One key and its value, with the key's own position for error messages. */
  public record Entry(YamlScalar key, YamlNode value) {}

  public YamlMapping {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  @Override
  public String describe() {
    return "a mapping";
  }
}
