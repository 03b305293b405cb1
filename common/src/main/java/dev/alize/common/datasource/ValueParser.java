package dev.alize.common.datasource;

import dev.alize.common.yaml.ScalarKind;
import dev.alize.common.yaml.YamlNode;
import dev.alize.common.yaml.YamlScalar;
import dev.alize.common.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the YAML node of a default or a model's value into a {@link Value} of its definition. */
final class ValueParser {

  /**
   * An integer in decimal without leading zeros: YAML 1.1 readers take {@code 0200} for octal 128,
   * so a value that Alizé would read as 200 is refused rather than read two ways.
   */
  static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9]\\d{0,17})");

  private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0\\d+");

  private final Problems problems;

  ValueParser(Problems problems) {
    this.problems = problems;
  }

  /**
   * Returns the value, or empty after reporting why it is not valid.
   *
   * @param file the file that holds the node
   * @param what how to name the value in messages, as "default of proxy_port"
   */
  Optional<Value> parse(String file, YamlNode node, VariableDefinition def, String what) {
    if (def.type() != VariableType.LIST) {
      return scalar(file, node, def, def.type(), what);
    }
    if (!(node instanceof YamlSequence sequence)) {
      problems.add(file, node.position(), what + " must be a list, not " + node.describe());
      return Optional.empty();
    }
    List<Value> items = new ArrayList<>();
    boolean valid = true;
    for (YamlNode item : sequence.items()) {
      Optional<Value> parsed = scalar(file, item, def, def.itemType(), "an item of the " + what);
      parsed.ifPresent(items::add);
      valid &= parsed.isPresent();
    }
    return valid ? Optional.of(new Value.ListOf(items)) : Optional.empty();
  }

  private Optional<Value> scalar(
      String file, YamlNode node, VariableDefinition def, VariableType type, String what) {
    if (!(node instanceof YamlScalar scalar) || scalar.kind() == ScalarKind.NULL) {
      problems.add(
          file, node.position(), what + " must be " + article(type) + ", not " + node.describe());
      return Optional.empty();
    }
    Optional<String> reason = check(scalar, def, type);
    if (reason.isPresent()) {
      problems.add(file, node.position(), what + ": " + reason.get());
      return Optional.empty();
    }
    return Optional.of(convert(scalar.text(), type));
  }

  private static Optional<String> check(
      YamlScalar scalar, VariableDefinition def, VariableType type) {
    String text = scalar.text();
    Optional<String> typed =
        switch (type) {
          case STRING -> Optional.empty();
          case PASSWORD ->
              text.isEmpty()
                  ? Optional.empty()
                  : Optional.of(
                      "a password may not be set in a datasource: secrets never belong in one");
          case INTEGER, PORT -> checkNumber(scalar, def, type);
          case BOOLEAN ->
              scalar.kind() == ScalarKind.BOOLEAN && (text.equals("true") || text.equals("false"))
                  ? Optional.empty()
                  : Optional.of("write true or false, not '" + text + "'");
          case IP -> TypeRules.checkIp(text);
          case CIDR -> TypeRules.checkCidr(text);
          case HOSTNAME -> TypeRules.checkHostname(text);
          case CHOICE ->
              def.choices().contains(text)
                  ? Optional.empty()
                  : Optional.of("'" + text + "' is not one of the choices " + def.choices());
          case LIST -> Optional.of("a list may not contain a list");
        };
    if (typed.isPresent() || def.pattern() == null || !type.isPatterned()) {
      return typed;
    }
    return ValuePattern.matches(def.pattern(), text)
        ? Optional.empty()
        : Optional.of("'" + text + "' does not match the pattern " + def.pattern());
  }

  private static Optional<String> checkNumber(
      YamlScalar scalar, VariableDefinition def, VariableType type) {
    if (LEADING_ZERO.matcher(scalar.text()).matches()) {
      return Optional.of(leadingZero(scalar.text()));
    }
    if (scalar.kind() != ScalarKind.INTEGER || !DECIMAL.matcher(scalar.text()).matches()) {
      return Optional.of(
          "expected " + article(type) + " written in decimal, found '" + scalar.text() + "'");
    }
    long value = Long.parseLong(scalar.text());
    if (type == VariableType.PORT && (value < 1 || value > 65535)) {
      return Optional.of("port " + value + " is outside 1..65535");
    }
    if (def.min() != null && value < def.min()) {
      return Optional.of(value + " is below the minimum " + def.min());
    }
    if (def.max() != null && value > def.max()) {
      return Optional.of(value + " is above the maximum " + def.max());
    }
    return Optional.empty();
  }

  /** Why a number written with leading zeros is refused. */
  static String leadingZero(String text) {
    return "'"
        + text
        + "' has a leading zero, which YAML 1.1 readers take for octal: write it without";
  }

  private static Value convert(String text, VariableType type) {
    return switch (type) {
      case INTEGER, PORT -> new Value.Int(Long.parseLong(text));
      case BOOLEAN -> new Value.Bool(Boolean.parseBoolean(text));
      default -> new Value.Text(text);
    };
  }

  static String article(VariableType type) {
    return switch (type) {
      case INTEGER, IP -> "an " + type.yamlName();
      default -> "a " + type.yamlName();
    };
  }
}
