package dev.alize.consumer.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read as one JSON object, and its fields read with their types checked. Each
 * problem names its field; {@link #done} refuses the body with all of them at once.
 */
final class JsonBody {

  /** The longest name or reference a field takes. */
  static final int MAX_NAME = 200;

  /** The longest free text (a description, a comment, a value) a field takes. */
  static final int MAX_TEXT = 10_000;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final ObjectNode object;
  private final List<String> problems = new ArrayList<>();

  private JsonBody(ObjectNode object) {
    this.object = object;
  }

  /**
   * Reads {@code text} as a JSON object with no fields but {@code known}.
   *
   * @param required false when an absent or empty body stands for {@code {}}
   * @throws ApiException unless it is one
   */
  static JsonBody parse(String text, boolean required, Set<String> known) {
    if (text == null || text.isBlank()) {
      if (required) {
        throw ApiException.badRequest("the request body is required: a JSON object");
      }
      return new JsonBody(JSON.createObjectNode());
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw ApiException.badRequest(
          "the request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + ApiParameters.shorten(e.getOriginalMessage()));
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("the request body must be a JSON object, not " + kind(node));
    }
    JsonBody body = new JsonBody(object);
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        body.problems.add(
            ApiParameters.shorten(name)
                + ": unknown field; the fields are "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
    return body;
  }

  /** A string field, null when absent or null. */
  String text(String field, int maxLength) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(field + ": must be a string, not " + kind(node));
      return null;
    }
    return checked(field, node.textValue(), maxLength);
  }

  /** A string field that must be present. */
  String requiredText(String field, int maxLength, String hint) {
    if (!object.hasNonNull(field)) {
      problems.add(field + ": required (" + hint + ")");
      return null;
    }
    return text(field, maxLength);
  }

  /** A list of strings, empty when absent or null. */
  List<String> strings(String field, int maxItems, int maxLength) {
    JsonNode node = object.get(field);
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      problems.add(field + ": must be a list of strings, not " + kind(node));
      return out;
    }
    if (node.size() > maxItems) {
      problems.add(field + ": at most " + maxItems + " items");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String where = field + "[" + i + "]";
      if (!item.isTextual()) {
        problems.add(where + ": must be a string, not " + kind(item));
      } else {
        String text = checked(where, item.textValue(), maxLength);
        if (text != null) {
          out.add(text);
        }
      }
    }
    return out;
  }

  /**
   * An object of strings, empty when absent or null. Integers and booleans are taken as their text,
   * the way YAML would read them.
   */
  Map<String, String> textMap(String field, int maxEntries, int maxKey, int maxValue) {
    JsonNode node = object.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      problems.add(field + ": must be an object of variable names to values, not " + kind(node));
      return out;
    }
    if (node.size() > maxEntries) {
      problems.add(field + ": at most " + maxEntries + " entries");
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = checked(field + " key", e.getKey(), maxKey);
      if (key == null) {
        continue;
      }
      String where = field + "." + key;
      JsonNode value = e.getValue();
      if (value.isTextual()) {
        String text = checked(where, value.textValue(), maxValue);
        if (text != null) {
          out.put(key, text);
        }
      } else if (value.isIntegralNumber() || value.isBoolean()) {
        out.put(key, value.asText());
      } else {
        problems.add(
            where
                + ": must be a string in YAML flow style (as \"3128\" or \"[a, b]\"), not "
                + kind(value));
      }
    }
    return out;
  }

  void problem(String problem) {
    problems.add(problem);
  }

  /**
   * @throws ApiException listing every problem found, if any
   */
  void done() {
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the request body is not valid", problems);
    }
  }

  /** The text, or null (with a problem) when too long or holding control characters. */
  private String checked(String field, String text, int maxLength) {
    if (text.length() > maxLength) {
      problems.add(
          ApiParameters.shorten(field)
              + ": at most "
              + maxLength
              + " characters, not "
              + text.length());
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
      boolean loneSurrogate =
          Character.isHighSurrogate(c)
              ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(++i))
              : Character.isLowSurrogate(c);
      if (control || loneSurrogate) {
        problems.add(
            ApiParameters.shorten(field)
                + ": control characters and invalid UTF-16 are not allowed");
        return null;
      }
    }
    return text;
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
