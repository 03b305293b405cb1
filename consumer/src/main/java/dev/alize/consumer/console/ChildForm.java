package dev.alize.consumer.console;

import static dev.alize.consumer.http.BodyLimits.MAX_NAME;
import static dev.alize.consumer.http.BodyLimits.MAX_SERVICES;
import static dev.alize.consumer.http.BodyLimits.MAX_TEXT;
import static dev.alize.consumer.http.BodyLimits.MAX_VARIABLES;
import static dev.alize.consumer.http.BodyLimits.NOT_PLAIN;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.text.TextRule;
import dev.alize.consumer.http.ApiParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child model's form as it was posted, its fields named as the API's body names them ({@code
 * name}, {@code parent}, {@code set.VARIABLE}, {@code addServices}, {@code removeServices}, {@code
 * description}), read with the API's limits and words so that both refuse alike. Values are kept as
 * the user wrote them, empty ones included: an empty value gives the variable back to its parent.
 *
 * @param parent null when not posted or not a model reference
 * @param values variable to what its input held, in the form's order
 * @param problems what is wrong with the form itself, each naming its field; the admin service
 *     checks what the values mean
 */
record ChildForm(
    String name,
    ModelRef parent,
    Map<String, String> values,
    List<String> addServices,
    List<String> removeServices,
    String description,
    List<String> problems) {

  /** The prefix of a variable's field. */
  static final String SET = "set.";

  private static final String FIELDS =
      "the fields are name, parent, set.VARIABLE, addServices, removeServices, description";

  ChildForm {
    values = new LinkedHashMap<>(values);
    addServices = List.copyOf(addServices);
    removeServices = List.copyOf(removeServices);
    problems = List.copyOf(problems);
  }

  /** A form nothing was written in yet. */
  static ChildForm empty(String name) {
    return new ChildForm(name, null, Map.of(), List.of(), List.of(), null, List.of());
  }

  /**
   * Reads a posted form: the creation's ({@code creating}, with a name and a parent) or a change's.
   * A field given as a list was repeated.
   */
  static ChildForm read(Map<String, Object> posted, boolean creating) {
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    String name = null;
    String parentText = null;
    String description = null;
    String unknown = null;
    for (Map.Entry<String, Object> field : posted.entrySet()) {
      String key = field.getKey();
      List<String> given = texts(field.getValue());
      if (key.equals(ConsoleForms.FIELD)) {
        continue;
      }
      if (!creating && (key.equals("name") || key.equals("parent"))) {
        // The name and the parent of a child model never change.
        unknown = unknown == null ? key : unknown;
        continue;
      }
      switch (key) {
        case "name" -> name = single(key, given, problems);
        case "parent" -> parentText = single(key, given, problems);
        case "description" -> description = single(key, given, problems);
        case "addServices" -> added.addAll(given);
        case "removeServices" -> removed.addAll(given);
        default -> {
          if (key.startsWith(SET)) {
            values.put(key.substring(SET.length()), single(key, given, problems));
          } else if (unknown == null) {
            unknown = key;
          }
        }
      }
    }
    if (unknown != null) {
      problems.add(ApiParameters.shorten(unknown) + ": unknown field; " + FIELDS);
    }
    ModelRef parent = null;
    if (creating) {
      if (name == null) {
        problems.add("name: required (the child model's name)");
      } else {
        text("name", name, MAX_NAME, problems);
      }
      parent = parent(parentText, problems);
    }
    if (values.size() > MAX_VARIABLES) {
      problems.add("set: at most " + MAX_VARIABLES + " entries");
    } else {
      values.forEach(
          (variable, value) -> {
            text("set key", variable, MAX_NAME, problems);
            if (value.length() > MAX_TEXT) {
              problems.add(
                  SET
                      + ApiParameters.shorten(variable)
                      + ": at most "
                      + MAX_TEXT
                      + " characters, not "
                      + value.length());
            } else {
              text(SET + ApiParameters.shorten(variable), value, MAX_TEXT, problems);
            }
          });
    }
    services("addServices", added, problems);
    services("removeServices", removed, problems);
    if (description != null) {
      text("description", description, MAX_TEXT, problems);
    }
    return new ChildForm(
        name,
        parent,
        values,
        added,
        removed,
        description,
        problems.stream().sorted().distinct().toList());
  }

  /** The posted parent, as the API reads it, or null with why. */
  private static ModelRef parent(String text, List<String> problems) {
    if (text == null) {
      problems.add("parent: required (the upstream model, as DATASOURCE/RELEASE/MODEL)");
      return null;
    }
    if (!text("parent", text, MAX_NAME, problems)) {
      return null;
    }
    try {
      return ModelRef.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add("parent: " + e.getMessage().replace(text, ApiParameters.shorten(text)));
      return null;
    }
  }

  private static void services(String field, List<String> services, List<String> problems) {
    if (services.size() > MAX_SERVICES) {
      problems.add(field + ": at most " + MAX_SERVICES + " items");
      return;
    }
    for (int i = 0; i < services.size(); i++) {
      text(field + "[" + i + "]", services.get(i), MAX_NAME, problems);
    }
  }

  /** Whether {@code value} is short and plain enough, else why not. */
  private static boolean text(String field, String value, int max, List<String> problems) {
    if (value.length() > max) {
      problems.add(field + ": at most " + max + " characters");
      return false;
    }
    if (TextRule.problem(value).isPresent()) {
      problems.add(field + ": " + NOT_PLAIN);
      return false;
    }
    return true;
  }

  /** A field meant to be given once: its first value, with a problem when there are others. */
  private static String single(String key, List<String> given, List<String> problems) {
    if (given.size() > 1) {
      problems.add(ApiParameters.shorten(key) + ": given more than once");
    }
    return given.isEmpty() ? "" : given.get(0);
  }

  /** The field's values, line breaks as a browser sends them (CR LF) read as newlines. */
  private static List<String> texts(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> out.add(String.valueOf(item).replace("\r\n", "\n")));
    } else {
      out.add(String.valueOf(value).replace("\r\n", "\n"));
    }
    return out;
  }
}
