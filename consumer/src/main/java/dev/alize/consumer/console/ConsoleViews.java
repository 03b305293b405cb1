package dev.alize.consumer.console;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every page of the console, rendered here to a string before it is answered rather than by the
 * views filter while the answer is written: a template that fails is then a 500 shown as the error
 * page, never a request left without an answer. Pages answered with an error status (a form shown
 * again with what was wrong, a refusal) are whole pages whatever made them. Refusals reach the
 * console in the API's form, {@code {"error": ..., "problems": [...]}}, whoever made them (the
 * admin service, validation, security, a filter), and are shown with the same words, so that a form
 * and the API refuse alike.
 */
@Singleton
final class ConsoleViews {

  static final String ERROR = "console/error";

  private final ThymeleafViewsRenderer<Map<String, Object>> renderer;

  ConsoleViews(ThymeleafViewsRenderer<Map<String, Object>> renderer) {
    this.renderer = renderer;
  }

  /** A refusal in the API's form. */
  static Map<String, Object> refusal(String message) {
    return refusal(message, List.of());
  }

  /** A refusal in the API's form, with the problems that name each field at fault. */
  static Map<String, Object> refusal(String message, List<String> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("problems", List.copyOf(problems));
    return body;
  }

  /** {@code view} rendered over {@code model}, answered with {@code status}. */
  MutableHttpResponse<String> page(
      HttpStatus status, String view, Map<String, Object> model, HttpRequest<?> request) {
    return HttpResponse.status(status)
        .contentType(MediaType.TEXT_HTML + ";charset=utf-8")
        .body(render(view, model, request));
  }

  /** The page that tells {@code message} and its {@code problems}, titled with the reason. */
  String error(
      HttpRequest<?> request, int status, String reason, String message, List<?> problems) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("page", ConsolePage.anonymous(reason));
    model.put("status", status);
    model.put("message", message);
    model.put("problems", problems.stream().map(String::valueOf).toList());
    return render(ERROR, model, request);
  }

  private String render(String view, Map<String, Object> model, HttpRequest<?> request) {
    Writable writable = renderer.render(view, model, request);
    StringWriter out = new StringWriter();
    try {
      writable.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
