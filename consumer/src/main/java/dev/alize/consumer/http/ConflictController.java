package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.store.StoredConflict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.util.List;

/** Conflicts between upstream changes and child models: list, read, acknowledge, resolve. */
@Controller("/api/v1/conflicts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
// Not final: the validation of its @Valid bodies is advice around its methods.
class ConflictController {

  private final AdminService admin;

  ConflictController(AdminService admin) {
    this.admin = admin;
  }

  /** Open conflicts by default; {@code status=acknowledged, resolved or all}. */
  @Get(produces = MediaType.APPLICATION_JSON)
  List<StoredConflict> list(@Nullable @QueryValue String status) {
    return admin.conflicts(ApiParameters.status(status));
  }

  @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
  StoredConflict one(@PathVariable String id) {
    return admin.conflict(ApiParameters.conflictId(id));
  }

  @Post(
      value = "/{id}/acknowledge",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  StoredConflict acknowledge(
      @PathVariable String id,
      @Nullable @Body @Valid CommentBody body,
      HttpRequest<?> request,
      Authentication by) {
    long checked = ApiParameters.conflictId(id);
    return admin.acknowledge(checked, by.getName(), CommentBody.of(body, request));
  }

  @Post(
      value = "/{id}/resolve",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  StoredConflict resolve(
      @PathVariable String id,
      @Nullable @Body @Valid CommentBody body,
      HttpRequest<?> request,
      Authentication by) {
    long checked = ApiParameters.conflictId(id);
    return admin.resolve(checked, by.getName(), CommentBody.of(body, request));
  }
}
