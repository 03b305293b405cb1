package dev.alize.consumer.console;

import dev.alize.consumer.http.ApiFixture;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredConflict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link ApiFixture}'s site with conflicts to settle: children of eole/2.9.0/amon that override
 * {@code proxy_cache_mb} (a default-changed conflict, 4000 to 8000 under the override 6000) or
 * {@code filter_port} (variable-removed) once eole 1.2.0 is imported, and children of
 * eole/2.8.1/amon with an end-of-support conflict.
 */
final class ConflictSite {

  private ConflictSite() {}

  static ApiFixture start(
      Path dir, List<String> changedDefault, List<String> removedVariable, List<String> ended)
      throws IOException {
    ApiFixture api = ApiFixture.start(dir.resolve("site"));
    changedDefault.forEach(name -> api.createChild(name, Map.of("proxy_cache_mb", "6000")));
    removedVariable.forEach(name -> api.createChild(name, Map.of("filter_port", "8081")));
    ended.forEach(api::createChild);
    api.importChangedEole(dir.resolve("changed"));
    return api;
  }

  /** The conflict of {@code kind} of the child model {@code child}, as stored now. */
  static StoredConflict conflict(ApiFixture api, String child, String kind) {
    return api.admin.conflicts(ConflictStore.Status.ALL).stream()
        .filter(c -> c.child().equals(child) && c.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " conflict of " + child));
  }
}
