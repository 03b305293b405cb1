package dev.alize.consumer.console;

import dev.alize.common.datasource.OverrideValue;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.datasource.VariableType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How an override is written in the console's inputs and how it is stored. A form takes values as a
 * user writes them (a text as it is, a list one item per line), while child models keep them in
 * YAML flow style, as the command line and the API take them: a text that YAML would read otherwise
 * is quoted on the way in, and unquoted on the way out.
 */
final class OverrideInputs {

  /** Text YAML reads back as the same text, written without quotes. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./+-]*");

  /** What a list's value is read as when it cannot be read as its type: text items. */
  private static final VariableDefinition TEXTS =
      new VariableDefinition(
          "value", VariableType.LIST, VariableType.STRING, null, null, null, null, List.of(), null);

  private static final VariableDefinition TEXT =
      new VariableDefinition(
          "value", VariableType.STRING, null, null, null, null, null, List.of(), null);

  private OverrideInputs() {}

  /**
   * The YAML text of what a user wrote in the input of {@code definition}; the text as it is when
   * the variable is unknown. A list's input holds one item per line, or a YAML list as {@code [a,
   * b]}, which is taken as it is (the only way to write an empty list).
   */
  static String yaml(String input, VariableDefinition definition) {
    if (definition == null) {
      return input;
    }
    if (definition.type() == VariableType.LIST) {
      String text = input.strip();
      if (text.startsWith("[")) {
        return text;
      }
      return Arrays.stream(text.split("\n"))
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .map(line -> scalar(line, definition.itemType()))
          .collect(Collectors.joining(", ", "[", "]"));
    }
    // Spaces around a text are kept: they may be meant; around an address or a number they are not.
    VariableType type = definition.type();
    boolean kept = type == VariableType.STRING || type == VariableType.PASSWORD;
    return scalar(kept ? input : input.strip(), type);
  }

  /**
   * What the input of {@code definition} shows for the stored YAML text: a text unquoted, a list
   * one item per line. A value the definition no longer takes is shown as text, so that the user
   * sees what is stored and can change it.
   */
  static String input(String yaml, VariableDefinition definition) {
    if (definition == null) {
      return yaml;
    }
    boolean list = definition.type() == VariableType.LIST;
    if (OverrideValues.parse(yaml, definition) instanceof OverrideValue.Valid valid) {
      return shown(valid.value());
    }
    if (OverrideValues.parse(yaml, list ? TEXTS : TEXT) instanceof OverrideValue.Valid text) {
      return shown(text.value());
    }
    return yaml;
  }

  private static String shown(Value value) {
    if (value instanceof Value.ListOf list) {
      return list.items().stream()
          .map(item -> String.valueOf(item.toPlain()))
          .collect(Collectors.joining("\n"));
    }
    return String.valueOf(value.toPlain());
  }

  private static String scalar(String text, VariableType type) {
    if (!isText(type) || (PLAIN.matcher(text).matches() && !isNull(text))) {
      return text;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /** Whether values of {@code type} are texts, which YAML may need quoted. */
  private static boolean isText(VariableType type) {
    return type != VariableType.INTEGER
        && type != VariableType.PORT
        && type != VariableType.BOOLEAN;
  }

  private static boolean isNull(String text) {
    return text.toLowerCase(Locale.ROOT).equals("null");
  }
}
