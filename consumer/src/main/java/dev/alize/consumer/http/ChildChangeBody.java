package dev.alize.consumer.http;

import static dev.alize.consumer.http.BodyLimits.MAX_NAME;
import static dev.alize.consumer.http.BodyLimits.MAX_SERVICES;
import static dev.alize.consumer.http.BodyLimits.MAX_TEXT;
import static dev.alize.consumer.http.BodyLimits.MAX_VARIABLES;

import dev.alize.consumer.admin.ChildChange;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The body of a child model's partial change: {@code {"set": {"variable": "value"}, "unset":
 * ["variable"], "addServices": [], "removeServices": [], "description"}}, each optional; what is
 * left out stays as it is. See {@link ChildChange} for what each does.
 */
@Introspected
record ChildChangeBody(
    @Size(max = MAX_VARIABLES, message = "at most {max} entries")
        Map<
                @Size(max = MAX_NAME, message = "at most {max} characters") @PlainText String,
                @FlowValue Object>
            set,
    @Size(max = MAX_VARIABLES, message = "at most {max} items")
        List<
                @NotNull(message = "must be a string, not null")
                @Size(max = MAX_NAME, message = "at most {max} characters") @PlainText String>
            unset,
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
   * The change.
   *
   * @throws ApiException when it changes nothing
   */
  ChildChange change() {
    ChildChange change =
        new ChildChange(ChildBody.texts(set), unset, addServices, removeServices, description);
    if (change.isEmpty()) {
      throw ApiException.badRequest(
          "the request body changes nothing: give set, unset, addServices, removeServices or"
              + " description");
    }
    return change;
  }
}
