package dev.alize.consumer.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Jackson could not read of a request body, told as the API tells it: the body that is not
 * JSON with where, or the field by its JSON path with what it must be and what was found. Jackson
 * stops at the first such problem; constraints are checked afterwards, all at once.
 */
final class BodyReadErrors {

  /** How Jackson's messages name the JSON value they found. */
  private static final Pattern FOUND = Pattern.compile("from (\\w+) value");

  private BodyReadErrors() {}

  /** The Jackson exception among {@code e} and its causes, if any. */
  static Optional<JacksonException> find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException j) {
        return Optional.of(j);
      }
    }
    return Optional.empty();
  }

  static ApiException explain(JacksonException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      JsonLocation at = e.getLocation();
      return ApiException.badRequest(
          "the request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + ApiParameters.shorten(e.getOriginalMessage()));
    }
    String path = path(mapping.getPath());
    if (mapping instanceof UnrecognizedPropertyException unknown) {
      return invalid(
          path
              + ": unknown field; the fields are "
              + String.join(", ", new TreeSet<>(names(unknown.getKnownPropertyIds()))));
    }
    String found = found(mapping).map(kind -> ", not " + kind).orElse("");
    if (path.isEmpty()) {
      return ApiException.badRequest(
          String.valueOf(mapping.getOriginalMessage()).startsWith("Trailing token")
              ? "the request body must be one JSON object, with nothing after it"
              : "the request body must be a JSON object" + found);
    }
    if (mapping instanceof MismatchedInputException mismatch) {
      return invalid(path + ": must be " + expected(mismatch.getTargetType()) + found);
    }
    return invalid(path + ": " + ApiParameters.shorten(mapping.getOriginalMessage()));
  }

  private static ApiException invalid(String problem) {
    return ApiException.badRequest("the request body is not valid", List.of(problem));
  }

  /** As {@code set.proxy_port} or {@code addServices[0]}; empty for the body itself. */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ApiParameters.shorten(r.getFieldName()));
      }
    }
    return path.toString();
  }

  /** The bodies' fields are strings, lists of strings and objects of variables' values. */
  private static String expected(Class<?> type) {
    if (type == null || CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list of strings";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object of variable names to values";
    }
    return "a JSON object";
  }

  private static Optional<String> found(JsonMappingException e) {
    if (e instanceof InvalidFormatException format && format.getValue() != null) {
      Object value = format.getValue();
      return Optional.of(
          value instanceof Number
              ? "a number"
              : value instanceof Boolean ? "a boolean" : "a string");
    }
    Matcher m = FOUND.matcher(String.valueOf(e.getOriginalMessage()));
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        switch (m.group(1)) {
          case "Object" -> "an object";
          case "Array" -> "a list";
          case "String" -> "a string";
          case "Number", "Integer", "Float" -> "a number";
          case "Boolean" -> "a boolean";
          default -> null;
        });
  }

  private static Collection<String> names(Collection<Object> ids) {
    return ids.stream().map(String::valueOf).toList();
  }
}
