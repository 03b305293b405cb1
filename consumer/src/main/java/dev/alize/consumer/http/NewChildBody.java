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
import java.util.List;
import java.util.Map;

/**
 * The body of a child model's creation: {@code {"name", "parent": "DATASOURCE/RELEASE/MODEL",
 * "set": {"variable": "value in YAML flow style"}, "addServices": [], "removeServices": [],
 * "description"}}. Only its form is checked here; what it means is the admin service's to check.
 */
@Introspected
record NewChildBody(
    @NotNull(message = "required (the child model's name)")
        @Size(max = MAX_NAME, message = "at most {max} characters")
        @PlainText
        String name,
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

  ChildDraft draft() {
    return new ChildDraft(
        name,
        ModelRef.parse(parent),
        ChildBody.texts(set),
        addServices,
        removeServices,
        description);
  }
}
