package dev.alize.consumer.http;

import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.ChildDraft;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a child model's creation or replacement: {@code {"name", "parent":
 * "DATASOURCE/RELEASE/MODEL", "set": {"variable": "value in YAML flow style"}, "addServices": [],
 * "removeServices": [], "description"}}. Only its form is checked here; what it means is the admin
 * service's to check.
 */
final class ChildBody {

  static final int MAX_VARIABLES = 500;
  static final int MAX_SERVICES = 100;

  private static final Set<String> FIELDS =
      Set.of("name", "parent", "set", "addServices", "removeServices", "description");

  private ChildBody() {}

  /** A new child model. */
  static ChildDraft create(String text) {
    return read(text, null);
  }

  /**
   * A replacement of the child model named {@code name}; the body may repeat the name, not change
   * it.
   */
  static ChildDraft replace(String text, String name) {
    return read(text, name);
  }

  private static ChildDraft read(String text, String pathName) {
    JsonBody body = JsonBody.parse(text, true, FIELDS);
    String name =
        pathName == null
            ? body.requiredText("name", JsonBody.MAX_NAME, "the child model's name")
            : body.text("name", JsonBody.MAX_NAME);
    if (pathName != null && name != null && !name.equals(pathName)) {
      body.problem(
          "name: '"
              + ApiParameters.shorten(name)
              + "' is not the name in the path: a child model cannot be renamed; create another"
              + " one and delete this one");
    }
    String parentText =
        body.requiredText(
            "parent", JsonBody.MAX_NAME, "the upstream model, as DATASOURCE/RELEASE/MODEL");
    ModelRef parent = null;
    if (parentText != null) {
      try {
        parent = ModelRef.parse(parentText);
      } catch (IllegalArgumentException e) {
        body.problem("parent: " + e.getMessage());
      }
    }
    Map<String, String> set =
        body.textMap("set", MAX_VARIABLES, JsonBody.MAX_NAME, JsonBody.MAX_TEXT);
    List<String> added = body.strings("addServices", MAX_SERVICES, JsonBody.MAX_NAME);
    List<String> removed = body.strings("removeServices", MAX_SERVICES, JsonBody.MAX_NAME);
    String description = body.text("description", JsonBody.MAX_TEXT);
    body.done();
    return new ChildDraft(
        pathName != null ? pathName : name, parent, set, added, removed, description);
  }
}
