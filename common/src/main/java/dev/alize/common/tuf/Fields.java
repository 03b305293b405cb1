package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of metadata fields that name the role and field at fault. */
final class Fields {

  static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);

  private final String role;

  Fields(String role) {
    this.role = role;
  }

  MetadataFormatException error(String message) {
    return new MetadataFormatException(role, message);
  }

  ObjectNode object(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (!(node instanceof ObjectNode object)) {
      throw error("'" + field + "' must be an object");
    }
    return object;
  }

  String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw error("'" + field + "' must be a string");
    }
    return node.textValue();
  }

  long positive(JsonNode parent, String field) {
    long value = integer(parent, field);
    if (value < 1) {
      throw error("'" + field + "' must be at least 1, not " + value);
    }
    return value;
  }

  long integer(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw error("'" + field + "' must be an integer");
    }
    return node.longValue();
  }

  boolean bool(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isBoolean()) {
      throw error("'" + field + "' must be true or false");
    }
    return node.booleanValue();
  }

  Instant expires(JsonNode parent) {
    String text = text(parent, "expires");
    try {
      return Instant.from(EXPIRES.parse(text));
    } catch (DateTimeParseException e) {
      throw error("'expires' must be of the form 2030-01-31T00:00:00Z, not '" + text + "'");
    }
  }

  List<String> strings(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray()) {
      throw error("'" + field + "' must be a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw error("'" + field + "' must hold strings only");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** A hashes object: algorithm name to lowercase hex digest. */
  Map<String, String> hashes(JsonNode parent, String field) {
    ObjectNode node = object(parent, field);
    Map<String, String> out = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              if (!e.getValue().isTextual()) {
                throw error("hash '" + e.getKey() + "' must be a hex string");
              }
              out.put(e.getKey(), e.getValue().textValue());
            });
    if (out.isEmpty()) {
      throw error("'" + field + "' must name at least one hash");
    }
    return out;
  }
}
