package dev.alize.consumer.http;

import static dev.alize.consumer.http.BodyLimits.MAX_NAME;
import static dev.alize.consumer.http.BodyLimits.MAX_SERVICES;
import static dev.alize.consumer.http.BodyLimits.MAX_TEXT;
import static dev.alize.consumer.http.BodyLimits.MAX_VARIABLES;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.ChildDraft;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a child model's replacement: a {@link NewChildBody} whose name may be left out, since
 * the path gives it. Only its form is checked here; what it means is the admin service's to check.
 */
@Introspected
record ChildBody(
    @Size(max = MAX_NAME, message = "at most {max} characters") @PlainText String name,
    @NotNull(message = "required (the upstream model, as DATASOURCE/RELEASE/MODEL)")
        @Size(max = MAX_NAME, message = "at most {max} characters")
        @ModelReference
        String parent,
    @Size(max = MAX_VARIABLES, message = "at most {max} entries")
        Map<
                @Size(max = MAX_NAME, message = "at most {max} characters") @PlainText String,
                @FlowValue Object>
            set,
    @Size(max = MAX_SERVICES, message = "at most {max} items")
        List<
                @NotNull(message = "must be a string, not null")
                @Size(max = MAX_NAME, message = "at most {max} characters") @PlainText String>
            addServices,
    @Size(max = MAX_SERVICES, message = "at most {max} items")
        List<
                @NotNull(message = "must be a string, not null")
                @Size(max = MAX_NAME, message = "at most {max} characters") @PlainText String>
            removeServices,
    @Size(max = MAX_TEXT, message = "at most {max} characters") @PlainText String description) {

  /**
   * The replacement of the child model named {@code pathName}.
   *
   * @throws ApiException when the body names another child: a child model cannot be renamed
   */
  ChildDraft draft(String pathName) {
    if (name != null && !name.equals(pathName)) {
      throw ApiException.badRequest(
          "the request body is not valid",
          List.of(
              "name: '"
                  + ApiParameters.shorten(name)
                  + "' is not the name in the path: a child model cannot be renamed; create"
                  + " another one and delete this one"));
    }
    return new ChildDraft(
        pathName, ModelRef.parse(parent), texts(set), addServices, removeServices, description);
  }

  /** Values as text: integers and booleans as YAML would read them, strings as written. */
  static Map<String, String> texts(Map<String, Object> values) {
    Map<String, String> out = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((k, v) -> out.put(k, String.valueOf(v)));
    }
    return out;
  }
}
