package dev.alize.common.datasource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.codec.CanonicalJson;
import dev.alize.common.codec.StrictJson;
import dev.alize.common.error.Problem;
import dev.alize.common.yaml.YamlLimits;
import dev.alize.common.yaml.YamlMapping;
import dev.alize.common.yaml.YamlNode;
import dev.alize.common.yaml.YamlReadResult;
import dev.alize.common.yaml.YamlReader;
import dev.alize.common.yaml.YamlSequence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Reads the value an admin gives a variable of a child model, written in YAML flow style ({@code
 * 3128}, {@code true}, {@code [10.0.0.0/8, 192.168.0.0/16]}, {@code "a string"}), and stores values
 * as canonical JSON.
 *
 * <p>The text goes through the same safe reader and the same checks as a datasource's values, so a
 * value an admin may set is exactly a value a maintainer may write, and hostile text (Java tags,
 * aliases, huge or deeply nested input) is refused the same way.
 */
public final class OverrideValues {

  /** The longest text read; one value never needs more, and longer text is refused unread. */
  public static final int MAX_CHARS = YamlLimits.DEFAULT.maxScalarChars();

  private static final String SOURCE = "value";
  private static final String WHAT = "value";

  private OverrideValues() {}

  /** Parses {@code text} and checks it against {@code definition}; never throws for bad text. */
  public static OverrideValue parse(String text, VariableDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    if (text == null || text.isBlank()) {
      return new OverrideValue.Invalid(
          "no value given: write it in YAML flow style, as 3128, true, [a, b], or \"\" for an"
              + " empty text");
    }
    if (text.length() > MAX_CHARS) {
      return new OverrideValue.Invalid(
          "the value is "
              + text.length()
              + " characters long, more than the limit of "
              + MAX_CHARS);
    }
    YamlReadResult read = new YamlReader(YamlLimits.DEFAULT).read(SOURCE, text);
    if (!read.problems().isEmpty() || read.root().isEmpty()) {
      return invalid(read.problems());
    }
    YamlNode root = read.root().get();
    if (usesAlias(root, Collections.newSetFromMap(new IdentityHashMap<>()))) {
      return new OverrideValue.Invalid(
          "aliases (*name) are not allowed in a value: write the value out in full");
    }
    Problems problems = new Problems(UnaryOperator.identity());
    Optional<Value> value = new ValueParser(problems).parse(SOURCE, root, definition, WHAT);
    if (value.isEmpty()) {
      return invalid(problems.sorted());
    }
    try {
      json(value.get());
    } catch (IllegalArgumentException e) {
      return new OverrideValue.Invalid("the value cannot be stored: " + e.getMessage());
    }
    return new OverrideValue.Valid(value.get());
  }

  /**
   * The canonical JSON text of {@code value}: how values are stored and compared, so that equal
   * values always give equal text. Null for null.
   */
  public static String json(Value value) {
    if (value == null) {
      return null;
    }
    return new String(CanonicalJson.encode(value.toPlain()), StandardCharsets.UTF_8);
  }

  /**
   * How admins read a value stored by {@link #json}: {@code 3128}, {@code [a, b]}. Null for null;
   * text that is not such a value is shown as it is rather than refused, since it is only shown.
   */
  public static String display(String json) {
    if (json == null) {
      return null;
    }
    try {
      return fromJson(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)))
          .map(Value::display)
          .orElse(json);
    } catch (StrictJson.MalformedJsonException e) {
      return json;
    }
  }

  private static Optional<Value> fromJson(JsonNode node) {
    if (node.isTextual()) {
      return Optional.of(new Value.Text(node.textValue()));
    }
    if (node.isBoolean()) {
      return Optional.of(new Value.Bool(node.booleanValue()));
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Optional.of(new Value.Int(node.longValue()));
    }
    if (!node.isArray()) {
      return Optional.empty();
    }
    List<Value> items = new ArrayList<>();
    for (JsonNode item : node) {
      if (item.isArray()) {
        return Optional.empty();
      }
      Optional<Value> value = fromJson(item);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      items.add(value.get());
    }
    return Optional.of(new Value.ListOf(items));
  }

  /** The reader shares an alias's target node, so a node met twice was reached by an alias. */
  private static boolean usesAlias(YamlNode node, Set<YamlNode> seen) {
    if (!seen.add(node)) {
      return true;
    }
    if (node instanceof YamlSequence sequence) {
      for (YamlNode item : sequence.items()) {
        if (usesAlias(item, seen)) {
          return true;
        }
      }
    } else if (node instanceof YamlMapping mapping) {
      for (YamlMapping.Entry entry : mapping.entries().values()) {
        if (usesAlias(entry.value(), seen)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The messages alone: the file and line name an internal buffer, not something to fix. */
  private static OverrideValue invalid(List<Problem> problems) {
    if (problems.isEmpty()) {
      return new OverrideValue.Invalid("not a value");
    }
    return new OverrideValue.Invalid(
        problems.stream()
            .map(Problem::message)
            .map(OverrideValues::withoutPrefix)
            .distinct()
            .collect(Collectors.joining("; ")));
  }

  private static String withoutPrefix(String message) {
    String prefix = WHAT + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
