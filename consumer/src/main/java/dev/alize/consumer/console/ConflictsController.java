package dev.alize.consumer.console;

import dev.alize.common.conflict.ChildFieldNames;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.http.ApiChecks;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.StoredConflict;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conflicts: a filtered list from which several can be acknowledged at once, and a page per
 * conflict, at a lasting address that notifications can link to, with the actions that settle it.
 * Each action is checked as the API checks it and done by the admin service in one transaction.
 */
@Controller(ConflictsController.PATH)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConflictsController {

  static final String PATH = ConsoleSessions.PATH + "/conflicts";

  /** The most conflicts acknowledged at once: far more than a page lists. */
  static final int MAX_SELECTED = 1000;

  private static final String LIST = "console/conflicts";
  private static final String ONE = "console/conflict";

  /** What a page says after an action, by the {@code done} its address carries. */
  private static final Map<String, String> NOTES =
      Map.of(
          "acknowledged",
          "Acknowledged: the conflict stays until its cause goes, and opens again if its cause"
              + " changes.",
          "upstream",
          "The child's override is removed: upstream's value applies. The conflict is resolved.",
          "value",
          "The child's override is changed, and the child reconciled with upstream as it is now."
              + " The conflict is resolved.",
          "resolved",
          "The conflict is resolved.",
          "selected",
          "The selected conflicts are acknowledged.");

  private final AdminService admin;
  private final ApiChecks checks;
  private final ConsoleViews views;

  ConflictsController(AdminService admin, ApiChecks checks, ConsoleViews views) {
    this.admin = admin;
    this.checks = checks;
    this.views = views;
  }

  @Get
  HttpResponse<String> list(
      @Nullable @QueryValue String severity,
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String datasource,
      @Nullable @QueryValue String child,
      @Nullable @QueryValue String done,
      Authentication by,
      HttpRequest<?> request) {
    ConflictFilter filter = ConflictFilter.of(severity, status, datasource, child);
    return views.page(
        filter.isValid() ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        LIST,
        listModel(by, filter, note(done), ConflictForm.EMPTY),
        request);
  }

  /** Acknowledges the conflicts ticked in the list: all of them, or none when one cannot be. */
  @Post(value = "/acknowledge", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> acknowledgeSelected(
      @Body Map<String, Object> form, Authentication by, HttpRequest<?> request) {
    ConsoleForms.check(by, form);
    // The whole form: a field bound by its name would only give the first of the ticked boxes.
    List<Long> ids = texts(form.get("id")).stream().map(checks::conflictId).distinct().toList();
    List<String> comments = texts(form.get("comment"));
    String comment = comments.isEmpty() ? null : comments.get(0);
    String text = comment(comment);
    List<String> problems = new ArrayList<>();
    if (ids.isEmpty()) {
      problems.add("id: tick at least one conflict to acknowledge");
    } else if (ids.size() > MAX_SELECTED) {
      problems.add("id: at most " + MAX_SELECTED + " conflicts at once, not " + ids.size());
    }
    problems.addAll(checks.comment(text));
    if (!problems.isEmpty()) {
      ConflictForm refused =
          ConflictForm.refused(
              null, comment, "No conflict was acknowledged.", problems, "id", "comment");
      return views.page(
          HttpStatus.BAD_REQUEST,
          LIST,
          listModel(by, ConflictFilter.of(null, null, null, null), null, refused),
          request);
    }
    admin.acknowledgeAll(ids, by.getName(), text);
    return HttpResponse.seeOther(URI.create(PATH + "?done=selected"));
  }

  @Get("/{id}")
  HttpResponse<String> conflict(
      @PathVariable String id,
      @Nullable @QueryValue String done,
      Authentication by,
      HttpRequest<?> request) {
    StoredConflict conflict = admin.conflict(checks.conflictId(id));
    return views.page(
        HttpStatus.OK, ONE, model(by, conflict, note(done), ConflictForm.EMPTY), request);
  }

  /** Keeps the child as it is: the conflict is seen, and stays until its cause goes. */
  @Post(value = "/{id}/acknowledge", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> acknowledge(
      @PathVariable String id,
      @Nullable @Body("comment") String comment,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by,
      HttpRequest<?> request) {
    ConsoleForms.check(by, csrf);
    return act(
        id,
        null,
        comment,
        by,
        request,
        "acknowledged",
        (c, text) -> admin.acknowledge(c.id(), by.getName(), text));
  }

  /** Removes the child's override, as {@code PATCH} with {@code unset} does, then resolves. */
  @Post(value = "/{id}/take-upstream", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> takeUpstream(
      @PathVariable String id,
      @Nullable @Body("comment") String comment,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by,
      HttpRequest<?> request) {
    ConsoleForms.check(by, csrf);
    return act(
        id,
        null,
        comment,
        by,
        request,
        "upstream",
        (c, text) -> admin.takeUpstream(c.id(), by.getName(), text, ChildFieldNames.JSON));
  }

  /**
   * Overrides the variable with another value, as {@code PATCH} with {@code set}, then resolves.
   */
  @Post(value = "/{id}/set-value", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> setValue(
      @PathVariable String id,
      @Nullable @Body("value") String value,
      @Nullable @Body("comment") String comment,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by,
      HttpRequest<?> request) {
    ConsoleForms.check(by, csrf);
    // A form sends an empty field as "": the API would take "" too, and refuse it by the type.
    String given = value == null ? "" : value;
    return act(
        id,
        given,
        comment,
        by,
        request,
        "value",
        (c, text) -> admin.setValue(c.id(), given, by.getName(), text, ChildFieldNames.JSON));
  }

  @Post(value = "/{id}/resolve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<?> resolve(
      @PathVariable String id,
      @Nullable @Body("comment") String comment,
      @Nullable @Body(ConsoleForms.FIELD) String csrf,
      Authentication by,
      HttpRequest<?> request) {
    ConsoleForms.check(by, csrf);
    return act(
        id,
        null,
        comment,
        by,
        request,
        "resolved",
        (c, text) -> admin.resolve(c.id(), by.getName(), text));
  }

  /** What an action does to a conflict, given the checked comment. */
  private interface Action {
    void apply(StoredConflict conflict, String comment);
  }

  /**
   * Checks the form as the API checks its body, does {@code action}, and sends the browser back to
   * the conflict's page; or shows the form again, answered 400, with each problem beside its field.
   *
   * @param value the value to set, or null when the action takes none
   */
  private HttpResponse<?> act(
      String id,
      String value,
      String comment,
      Authentication by,
      HttpRequest<?> request,
      String done,
      Action action) {
    StoredConflict conflict = admin.conflict(checks.conflictId(id));
    String text = comment(comment);
    List<String> problems = new ArrayList<>();
    if (value != null) {
      problems.addAll(checks.value(conflict.subject(), value));
    }
    problems.addAll(checks.comment(text));
    String error = "The form is not valid: nothing was changed.";
    if (problems.isEmpty()) {
      try {
        action.apply(conflict, text);
        return HttpResponse.seeOther(URI.create(PATH + "/" + conflict.id() + "?done=" + done));
      } catch (AdminException e) {
        if (e.reason() != AdminException.Reason.INVALID) {
          throw e;
        }
        problems.addAll(e.problems());
        error =
            e.problems().isEmpty()
                ? e.getMessage()
                : "The change was refused: nothing was changed.";
      }
    }
    String valueField = ChildFieldNames.JSON.set(conflict.subject(), value == null ? "" : value);
    ConflictForm form =
        ConflictForm.refused(value, comment, error, problems, valueField, "comment");
    // Read again: the refused action changed nothing, and the page shows what is stored.
    return views.page(
        HttpStatus.BAD_REQUEST, ONE, model(by, admin.conflict(conflict.id()), null, form), request);
  }

  private static String note(String done) {
    return done == null ? null : NOTES.get(done);
  }

  private Map<String, Object> listModel(
      Authentication by, ConflictFilter filter, String note, ConflictForm bulk) {
    Map<String, Object> model = ConsolePage.model(by, "Conflicts", "conflicts");
    model.put(
        "list",
        ConflictList.of(
            filter,
            admin.conflicts(filter.storeStatus()),
            admin.datasources().stream().map(InstalledDatasource::name).toList(),
            admin.children().stream().map(c -> c.child().name()).toList()));
    model.put("note", note);
    model.put("bulk", bulk);
    return model;
  }

  private static Map<String, Object> model(
      Authentication by, StoredConflict conflict, String note, ConflictForm form) {
    Map<String, Object> model = ConsolePage.model(by, "Conflict #" + conflict.id(), "conflicts");
    model.put("view", ConflictView.of(conflict));
    model.put("note", note);
    model.put("form", form);
    return model;
  }

  /** A form field's values: none, the one given, or each of those given. */
  private static List<String> texts(Object field) {
    if (field == null) {
      return List.of();
    }
    return field instanceof List<?> values
        ? values.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(field));
  }

  /**
   * The comment as the API would get it: none when left empty, and with a browser's line breaks (CR
   * LF, which the API refuses as a control character) written as the newlines they stand for.
   */
  private static String comment(String comment) {
    if (comment == null || comment.isBlank()) {
      return null;
    }
    return comment.replace("\r\n", "\n");
  }
}
