package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.error.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The write API's error answers: {@code {"error": "...", "problems": [...]}}. */
final class ApiErrors {

  private ApiErrors() {}

  static MutableHttpResponse<ObjectNode> response(HttpStatus status, String message) {
    return response(status, body(message));
  }

  static MutableHttpResponse<ObjectNode> response(HttpStatus status, ObjectNode body) {
    return HttpResponse.<ObjectNode>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(body);
  }

  static ObjectNode body(String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", message);
    return body;
  }

  /** The error body of {@code message}, as bytes, for answers written below Micronaut. */
  static byte[] json(String message) {
    return body(message).toString().getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode body(String message, List<Problem> problems) {
    ObjectNode body = body(message);
    ArrayNode array = body.putArray("problems");
    for (Problem p : problems) {
      array
          .addObject()
          .put("file", p.file())
          .put("line", p.line())
          .put("column", p.column())
          .put("message", p.message());
    }
    return body;
  }
}
