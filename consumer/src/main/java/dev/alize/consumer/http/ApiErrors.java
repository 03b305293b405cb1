package dev.alize.consumer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's error answers: {@code {"error": "...", "problems": ["...", ...]}}; never a trace. */
final class ApiErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  static MutableHttpResponse<Map<String, Object>> response(HttpStatus status, String message) {
    return response(status, message, List.of());
  }

  static MutableHttpResponse<Map<String, Object>> response(
      HttpStatus status, String message, List<String> problems) {
    return HttpResponse.<Map<String, Object>>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(body(message, problems));
  }

  static Map<String, Object> body(String message, List<String> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("problems", List.copyOf(problems));
    return body;
  }

  /** The error body of {@code message}, as bytes, for answers written below Micronaut. */
  static byte[] json(String message) {
    try {
      return JSON.writeValueAsBytes(body(message, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }
}
