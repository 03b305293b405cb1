package dev.alize.consumer.http;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpRequest;
import jakarta.validation.constraints.Size;

/** The body of a conflict's acknowledgement or resolution: {@code {"comment": "..."}}, optional. */
@Introspected
record CommentBody(
    @Size(max = BodyLimits.MAX_TEXT, message = "at most {max} characters") @PlainText
        String comment) {

  /**
   * The comment of a body, or null when there is no body or it gives none.
   *
   * @throws ApiException when the body is JSON's null, which is no object
   */
  static String of(CommentBody body, HttpRequest<?> request) {
    if (body == null && JsonContentTypeFilter.hasBody(request)) {
      throw ApiException.badRequest("the request body must be a JSON object, not null");
    }
    return body == null ? null : body.comment();
  }
}
