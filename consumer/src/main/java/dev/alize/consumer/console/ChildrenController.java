package dev.alize.consumer.console;

import dev.alize.common.conflict.ChildFieldNames;
import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.Service;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.admin.UpstreamModel;
import dev.alize.consumer.http.ApiParameters;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.ModelSummary;
import dev.alize.consumer.store.StoredChild;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Child models in the console: the list, a new one derived from an upstream model, one's page with
 * its form, and its deletion. Forms are checked by the admin service, as the API's bodies are, and
 * its problems are shown beside the inputs they name; each change is recorded with the signed-in
 * admin's name.
 */
@Controller(ChildrenController.PATH)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ChildrenController {

  static final String PATH = ConsoleSessions.PATH + "/children";
  private static final String NEW = "console/child-new";
  private static final String ONE = "console/child";
  private static final String INVALID_FORM = "the form is not valid";

  private final AdminService admin;
  private final ConsoleViews views;

  ChildrenController(AdminService admin, ConsoleViews views) {
    this.admin = admin;
    this.views = views;
  }

  @Get
  HttpResponse<String> list(
      Authentication by, @Nullable @QueryValue String done, HttpRequest<?> request) {
    Map<String, Object> model = ConsolePage.model(by, "Child models", "children");
    model.put(
        "children", ChildList.of(admin.children(), admin.conflicts(ConflictStore.Status.OPEN)));
    model.put("note", "deleted".equals(done) ? "The child model was deleted." : null);
    return views.page(HttpStatus.OK, "console/children", model, request);
  }

  /** Step one chooses the parent, by a form that asks for it again; step two is the form. */
  @Get("/new")
  HttpResponse<String> create(
      Authentication by,
      @Nullable @QueryValue String datasource,
      @Nullable @QueryValue String release,
      @Nullable @QueryValue String model,
      HttpRequest<?> request) {
    String d = given(datasource) ? ApiParameters.datasource("datasource", datasource) : null;
    String r = given(release) ? ApiParameters.release("release", release) : null;
    String m = given(model) ? ApiParameters.model("model", model) : null;
    Map<String, Object> page = ConsolePage.model(by, "New child model", "children");
    List<ModelSummary> all = admin.models(null);
    Optional<ModelRef> chosen = ParentChoice.chosen(all, d, r, m);
    if (chosen.isPresent()) {
      ModelRef ref = chosen.get();
      page.put(
          "editor",
          ChildEditor.blank(
              ref, admin.model(ref).model(), admin.services(ref.datasource(), ref.release())));
    } else {
      page.put("choice", ParentChoice.of(all, d, r, m));
    }
    return views.page(HttpStatus.OK, NEW, page, request);
  }

  @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> create(
      @Body Map<String, Object> body, Authentication by, HttpRequest<?> request) {
    ConsoleForms.check(by, body);
    ChildForm form = ChildForm.read(body, true);
    ModelRef ref = form.parent();
    if (ref == null) {
      // Without its parent the form cannot be drawn again: the problems are told on their own.
      return HttpResponse.badRequest(ConsoleViews.refusal(INVALID_FORM, form.problems()));
    }
    EffectiveModel parent = upstream(ref).map(UpstreamModel::model).orElse(null);
    Map<String, Service> services = admin.services(ref.datasource(), ref.release());
    if (!form.problems().isEmpty()) {
      return again(
          by,
          request,
          HttpStatus.BAD_REQUEST,
          ChildEditor.of(form, ref, parent, services, INVALID_FORM, form.problems()));
    }
    try {
      StoredChild created =
          admin.createChild(
              ChildEditor.draft(form.name(), ref, form, parent, services),
              by.getName(),
              ChildFieldNames.JSON);
      return HttpResponse.seeOther(
          URI.create(PATH + "/" + created.child().name() + "?done=created"));
    } catch (AdminException e) {
      if (e.reason() == AdminException.Reason.NOT_FOUND) {
        throw e;
      }
      ChildEditor editor = ChildEditor.of(form, ref, parent, services, e.headline(), e.problems());
      if (e.reason() == AdminException.Reason.CLASH) {
        return again(by, request, HttpStatus.CONFLICT, editor.withNameTaken(e.headline()));
      }
      return again(by, request, HttpStatus.BAD_REQUEST, editor);
    }
  }

  @Get("/{name}")
  HttpResponse<String> one(
      @PathVariable String name,
      Authentication by,
      @Nullable @QueryValue String done,
      HttpRequest<?> request) {
    StoredChild stored = admin.child(ApiParameters.model("name", name));
    ModelRef ref = stored.child().parent();
    Optional<UpstreamModel> parent = upstream(ref);
    ChildEditor editor =
        ChildEditor.of(
            stored,
            parent.map(UpstreamModel::model).orElse(null),
            admin.services(ref.datasource(), ref.release()));
    Map<String, Object> model = page(by, stored, parent, editor);
    model.put(
        "note",
        "created".equals(done)
            ? "The child model was created."
            : "saved".equals(done) ? "Saved." : null);
    return views.page(HttpStatus.OK, ONE, model, request);
  }

  /**
   * Saves the form as the API's PUT does: the form shows the whole child, so what it holds replaces
   * what is stored, and an empty value gives the variable back to the parent.
   */
  @Post(value = "/{name}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> save(
      @PathVariable String name,
      @Body Map<String, Object> body,
      Authentication by,
      HttpRequest<?> request) {
    ConsoleForms.check(by, body);
    StoredChild stored = admin.child(ApiParameters.model("name", name));
    ModelRef ref = stored.child().parent();
    Optional<UpstreamModel> upstream = upstream(ref);
    EffectiveModel parent = upstream.map(UpstreamModel::model).orElse(null);
    Map<String, Service> services = admin.services(ref.datasource(), ref.release());
    ChildForm form = ChildForm.read(body, false);
    if (!form.problems().isEmpty()) {
      ChildEditor editor =
          ChildEditor.of(
              withName(form, stored), ref, parent, services, INVALID_FORM, form.problems());
      return views.page(HttpStatus.BAD_REQUEST, ONE, page(by, stored, upstream, editor), request);
    }
    try {
      admin.updateChild(
          stored.child().name(),
          ChildEditor.draft(stored.child().name(), ref, form, parent, services),
          by.getName(),
          ChildFieldNames.JSON);
      return HttpResponse.seeOther(URI.create(PATH + "/" + stored.child().name() + "?done=saved"));
    } catch (AdminException e) {
      if (e.reason() == AdminException.Reason.NOT_FOUND) {
        throw e;
      }
      ChildEditor editor =
          ChildEditor.of(withName(form, stored), ref, parent, services, e.headline(), e.problems());
      return views.page(
          e.reason() == AdminException.Reason.CLASH ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
          ONE,
          page(by, stored, upstream, editor),
          request);
    }
  }

  @Get("/{name}/delete")
  HttpResponse<String> confirmDelete(
      @PathVariable String name, Authentication by, HttpRequest<?> request) {
    StoredChild stored = admin.child(ApiParameters.model("name", name));
    Map<String, Object> model =
        ConsolePage.model(by, "Delete " + stored.child().name(), "children");
    model.put(
        "child",
        ChildList.of(List.of(stored), admin.conflicts(ConflictStore.Status.OPEN)).rows().get(0));
    return views.page(HttpStatus.OK, "console/child-delete", model, request);
  }

  @Post(value = "/{name}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> delete(
      @PathVariable String name,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by) {
    ConsoleForms.check(by, csrf);
    String checked = ApiParameters.model("name", name);
    admin.deleteChild(checked);
    return HttpResponse.seeOther(URI.create(PATH + "?done=deleted"));
  }

  private Map<String, Object> page(
      Authentication by, StoredChild stored, Optional<UpstreamModel> parent, ChildEditor editor) {
    Map<String, Object> model = ConsolePage.model(by, stored.child().name(), "children");
    String state = parent.map(p -> p.withdrawn() ? "withdrawn" : "active").orElse("gone");
    model.put(
        "child", ChildPage.of(stored, state, admin.conflicts(ConflictStore.Status.ALL), editor));
    return model;
  }

  private HttpResponse<?> again(
      Authentication by, HttpRequest<?> request, HttpStatus status, ChildEditor editor) {
    Map<String, Object> model = ConsolePage.model(by, "New child model", "children");
    model.put("editor", editor);
    return views.page(status, NEW, model, request);
  }

  /** The upstream model, or empty when it is no longer stored. */
  private Optional<UpstreamModel> upstream(ModelRef ref) {
    try {
      return Optional.of(admin.model(ref));
    } catch (AdminException e) {
      if (e.reason() != AdminException.Reason.NOT_FOUND) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** The form of a change, which names no child: the stored one's name. */
  private static ChildForm withName(ChildForm form, StoredChild stored) {
    return new ChildForm(
        stored.child().name(),
        stored.child().parent(),
        form.values(),
        form.addServices(),
        form.removeServices(),
        form.description(),
        form.problems());
  }

  private static boolean given(String parameter) {
    return parameter != null && !parameter.isEmpty();
  }
}
