package dev.alize.consumer.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.datasource.VariableType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON text of list, map and value columns. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  // Readers made once: a type reference made for each call resolved its type by reflection, for
  // each of the thousands of rows a listing reads.
  private static final ObjectReader STRINGS =
      MAPPER.readerFor(new TypeReference<List<String>>() {});
  private static final ObjectReader STRING_MAP =
      MAPPER.readerFor(new TypeReference<Map<String, String>>() {});
  private static final ObjectReader TREE = MAPPER.readerFor(JsonNode.class);

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value, e);
    }
  }

  static List<String> strings(String json) {
    return read(json, STRINGS);
  }

  static Map<String, String> map(String json) {
    Map<String, String> stored = read(json, STRING_MAP);
    return new TreeMap<>(stored);
  }

  /** A stored value read back as its variable's type; null stays null. */
  static Value value(String json, VariableDefinition definition) {
    if (json == null) {
      return null;
    }
    JsonNode node = read(json, TREE);
    if (definition.type() == VariableType.LIST) {
      List<Value> items = new ArrayList<>();
      node.forEach(item -> items.add(scalar(item, definition.itemType())));
      return new Value.ListOf(items);
    }
    return scalar(node, definition.type());
  }

  private static Value scalar(JsonNode node, VariableType type) {
    return switch (type) {
      case INTEGER, PORT -> new Value.Int(node.longValue());
      case BOOLEAN -> new Value.Bool(node.booleanValue());
      default -> new Value.Text(node.textValue());
    };
  }

  private static <T> T read(String json, ObjectReader reader) {
    try {
      return reader.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored JSON column is not valid: " + json, e);
    }
  }
}
