package dev.alize.consumer.http;

import io.micronaut.validation.validator.Validator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The API's checks of what an admin sends, for the console's forms: the same constraints, refused
 * with the same words, so that a form refuses what the API refuses.
 */
@Singleton
public final class ApiChecks {

  private final Validator validator;

  ApiChecks(Validator validator) {
    this.validator = validator;
  }

  /**
   * A conflict's id, as the API reads it from a path.
   *
   * @throws RuntimeException answered 400, naming the id, when it is not one
   */
  public long conflictId(String text) {
    return ApiParameters.conflictId(text);
  }

  /** What is wrong with a comment, as the API words it for {@code {"comment": ...}}. */
  public List<String> comment(String comment) {
    return problems(new CommentBody(comment));
  }

  /**
   * What is wrong with the form of {@code value}, as the API words it for {@code PATCH
   * /api/v1/children/NAME} with {@code {"set": {variable: value}}}. Whether the variable takes it
   * is the admin service's to say.
   */
  public List<String> value(String variable, String value) {
    return problems(new ChildChangeBody(Map.of(variable, value), null, null, null, null));
  }

  private List<String> problems(Object body) {
    return validator.validate(body).stream()
        .map(v -> ConstraintViolationHandler.jsonPath(v) + ": " + v.getMessage())
        .sorted()
        .toList();
  }
}
