package dev.alize.common.datasource;

import dev.alize.common.yaml.Position;
import dev.alize.common.yaml.ScalarKind;
import dev.alize.common.yaml.YamlMapping;
import dev.alize.common.yaml.YamlNode;
import dev.alize.common.yaml.YamlScalar;
import dev.alize.common.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the keys of one YAML mapping against a schema, reporting unknown, missing and mistyped
 * keys, each at its own line.
 */
final class MappingReader {

  private final String file;
  private final YamlMapping mapping;
  private final Problems problems;

  private MappingReader(String file, YamlMapping mapping, Problems problems) {
    this.file = file;
    this.mapping = mapping;
    this.problems = problems;
  }

  /**
   * A reader over {@code node}, or empty after reporting that it is not a mapping.
   *
   * @param what how to name the node in messages, as "a service"
   * @param keys the keys allowed in it; any other is reported
   */
  static Optional<MappingReader> of(
      String file, YamlNode node, String what, Set<String> keys, Problems problems) {
    if (!(node instanceof YamlMapping mapping)) {
      problems.add(
          file, node.position(), what + " must be a mapping of keys, not " + node.describe());
      return Optional.empty();
    }
    for (YamlMapping.Entry entry : mapping.entries().values()) {
      String key = entry.key().text();
      if (!keys.contains(key)) {
        problems.add(
            file,
            entry.key().position(),
            "unknown key '" + key + "' in " + what + suggestion(key, keys));
      }
    }
    return Optional.of(new MappingReader(file, mapping, problems));
  }

  Position position() {
    return mapping.position();
  }

  Optional<YamlNode> node(String key) {
    return Optional.ofNullable(mapping.entries().get(key)).map(YamlMapping.Entry::value);
  }

  /** The position of a key's value, or of the mapping when the key is absent. */
  Position position(String key) {
    return node(key).map(YamlNode::position).orElse(mapping.position());
  }

  Optional<YamlNode> required(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      problems.add(file, mapping.position(), "missing required key '" + key + "'");
    }
    return node;
  }

  /** A scalar as text, whatever YAML resolved it to: {@code name: 2.10} stays "2.10". */
  Optional<String> text(String key, boolean required) {
    Optional<YamlNode> node = required ? required(key) : node(key);
    return node.flatMap(n -> scalarText(n, "'" + key + "'"));
  }

  Optional<String> name(String key, Names.Rule rule) {
    return text(key, true)
        .filter(
            value -> {
              Optional<String> reason = rule.check(value);
              reason.ifPresent(r -> problems.add(file, position(key), r));
              return reason.isEmpty();
            });
  }

  Optional<Long> integer(String key, boolean required) {
    Optional<YamlNode> node = required ? required(key) : node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof YamlScalar s
        && s.kind() == ScalarKind.INTEGER
        && ValueParser.DECIMAL.matcher(s.text()).matches()) {
      return Optional.of(Long.parseLong(s.text()));
    }
    problems.add(
        file,
        node.get().position(),
        "'" + key + "' must be an integer in decimal, not " + node.get().describe());
    return Optional.empty();
  }

  /** A list of scalars; empty list when absent. */
  List<String> texts(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof YamlSequence sequence)) {
      problems.add(
          file,
          node.get().position(),
          "'" + key + "' must be a list, not " + node.get().describe());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : sequence.items()) {
      scalarText(item, "an item of '" + key + "'").ifPresent(out::add);
    }
    return out;
  }

  /** A nested mapping; empty when absent or after reporting it is not a mapping. */
  Optional<YamlMapping> mapping(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isPresent() && !(node.get() instanceof YamlMapping)) {
      problems.add(
          file,
          node.get().position(),
          "'" + key + "' must be a mapping of keys, not " + node.get().describe());
      return Optional.empty();
    }
    return node.map(YamlMapping.class::cast);
  }

  private Optional<String> scalarText(YamlNode node, String what) {
    if (node instanceof YamlScalar s && s.kind() != ScalarKind.NULL) {
      return Optional.of(s.text());
    }
    problems.add(file, node.position(), what + " must be a single value, not " + node.describe());
    return Optional.empty();
  }

  private static String suggestion(String key, Set<String> keys) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : keys) {
      int d = distance(key, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null
        ? "; did you mean '" + best + "'?"
        : "; allowed keys: " + String.join(", ", new TreeSet<>(keys));
  }

  /** Levenshtein distance, for "did you mean" hints on short keys. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
