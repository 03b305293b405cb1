package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.conflict.DetectedConflict;
import dev.alize.consumer.importer.ImportResult;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncService;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code preview NAME [VERSION]}: what importing a release would change, without importing it. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Show what importing a release would change (models added, changed, removed) and which"
          + " conflicts with child models it would raise, without importing anything.",
      "Without VERSION, the release the next sync would import, or the one held for approval."
    })
final class PreviewCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "NAME", description = "The datasource.")
  String datasource;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "VERSION",
      description = "The release to preview, as 2.1.0 (default: the next one).")
  String version;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    SemanticVersion wanted = version == null ? null : Flags.version(spec, version);
    Progress.step(spec, "previewing " + datasource);
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      // The repository it was imported from; before a first import, the first that follows it.
      String importedFrom =
          services.admin().datasources().stream()
              .filter(d -> d.name().equals(datasource) && d.version() != null)
              .map(InstalledDatasource::repository)
              .findFirst()
              .orElse(null);
      Subscription repository =
          context.subscriptions().stream()
              .filter(s -> s.follows(datasource))
              .filter(s -> importedFrom == null || s.name().equals(importedFrom))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "no configured repository follows datasource '" + datasource + "'"));
      SyncService.Preview preview = services.sync().preview(repository, datasource, wanted);
      print(spec.commandLine().getOut(), preview);
    }
    return 0;
  }

  private void print(PrintWriter out, SyncService.Preview preview) {
    ImportResult r = preview.result();
    if (json.requested()) {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("datasource", r.datasource());
      form.put("fromVersion", r.fromVersion());
      form.put("toVersion", r.toVersion());
      form.put("counts", r.counts());
      form.put("models", r.models());
      form.put("conflicts", r.detected());
      out.println(StatusStore.toJson(form));
      out.flush();
      return;
    }
    out.printf(
        "preview of importing %s %s (installed: %s); nothing was imported:%n",
        Printable.args(
            r.datasource(), r.toVersion(), r.fromVersion() == null ? "none" : r.fromVersion()));
    out.printf(
        "  models: %d added, %d changed, %d removed, %d unchanged, %d withdrawn (kept for child"
            + " models)%n",
        Printable.args(
            r.counts().added(),
            r.counts().changed(),
            r.counts().removed(),
            r.counts().unchanged(),
            r.counts().withdrawn()));
    r.models().added().forEach(m -> out.println("  + model " + m));
    r.models().changed().forEach(m -> out.println("  ~ model " + m));
    r.models().removed().forEach(m -> out.println("  - model " + m));
    r.models()
        .withdrawn()
        .forEach(m -> out.println("  ! model " + m + " withdrawn, kept for" + " its child models"));
    if (r.detected().isEmpty()) {
      out.println("  conflicts: none");
    }
    for (DetectedConflict c : r.detected()) {
      out.printf(
          "  %s %s %s %s: %s%n",
          Printable.args(
              c.isNew() ? "new" : "still", c.severity(), c.kind(), c.child(), c.message()));
    }
    out.flush();
  }
}
