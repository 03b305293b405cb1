package dev.alize.consumer.http;

import java.util.Set;

/** The body of a conflict's acknowledgement or resolution: {@code {"comment": "..."}}, optional. */
final class CommentBody {

  private CommentBody() {}

  /** The comment, or null when the body is absent or gives none. */
  static String read(String text) {
    JsonBody body = JsonBody.parse(text, false, Set.of("comment"));
    String comment = body.text("comment", JsonBody.MAX_TEXT);
    body.done();
    return comment;
  }
}
