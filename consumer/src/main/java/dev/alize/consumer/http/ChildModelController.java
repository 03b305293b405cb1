package dev.alize.consumer.http;

import dev.alize.common.conflict.ChildFieldNames;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.admin.ChildJson;
import dev.alize.consumer.store.StoredChild;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;

/**
 * Child models: admins' local models derived from upstream ones. Each change is recorded as made by
 * the authenticated admin, and the child's conflicts are detected again. Problems name the fields
 * of the request's body.
 */
@Controller("/api/v1/children")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
// Not final: the validation of its @Valid bodies is advice around its methods.
class ChildModelController {

  private final AdminService admin;

  ChildModelController(AdminService admin) {
    this.admin = admin;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  List<ChildJson> list() {
    return admin.children().stream().map(ChildJson::of).toList();
  }

  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  HttpResponse<ChildJson> create(@Body @Valid NewChildBody body, Authentication by) {
    StoredChild created = admin.createChild(body.draft(), by.getName(), ChildFieldNames.JSON);
    return HttpResponse.created(
        ChildJson.of(created), URI.create("/api/v1/children/" + created.child().name()));
  }

  @Get(value = "/{name}", produces = MediaType.APPLICATION_JSON)
  ChildJson one(@PathVariable String name) {
    return ChildJson.of(admin.child(ApiParameters.model("name", name)));
  }

  @Put(
      value = "/{name}",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  ChildJson replace(@PathVariable String name, @Body @Valid ChildBody body, Authentication by) {
    String checked = ApiParameters.model("name", name);
    return ChildJson.of(
        admin.updateChild(checked, body.draft(checked), by.getName(), ChildFieldNames.JSON));
  }

  @Patch(
      value = "/{name}",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  ChildJson change(
      @PathVariable String name, @Body @Valid ChildChangeBody body, Authentication by) {
    String checked = ApiParameters.model("name", name);
    return ChildJson.of(
        admin.changeChild(checked, body.change(), by.getName(), ChildFieldNames.JSON));
  }

  @Delete(value = "/{name}", consumes = MediaType.ALL)
  HttpResponse<Void> delete(@PathVariable String name) {
    admin.deleteChild(ApiParameters.model("name", name));
    return HttpResponse.noContent();
  }
}
