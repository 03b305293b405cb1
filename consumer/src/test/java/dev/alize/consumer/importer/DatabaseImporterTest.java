package dev.alize.consumer.importer;

import static dev.alize.consumer.importer.ImportSite.ECLAIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.Release;
import dev.alize.common.datasource.Service;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.notify.WebhookTarget;
import dev.alize.consumer.conflict.DetectedConflict;
import dev.alize.consumer.notify.Delivery;
import dev.alize.consumer.notify.ImportNotice;
import dev.alize.consumer.notify.NotificationChannel;
import dev.alize.consumer.notify.NotificationSettings;
import dev.alize.consumer.notify.OutboxDispatcher;
import dev.alize.consumer.notify.OutboxRepository;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import dev.alize.consumer.store.ModelCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports of the sample datasource and crafted versions of it, on H2 and PostgreSQL: overwrite,
 * unchanged models left alone, child models untouched, withdrawn parents, failures, notifications,
 * preview and hostile archives. Each test reads the tables as an operator would.
 */
class DatabaseImporterTest {

  /** Every step the importer reports, in order. */
  static final List<String> STEPS =
      List.of(
          "started",
          "archive read and validated",
          "datasource locked",
          "releases and services written",
          "models written",
          "parents read",
          "conflicts stored",
          "recorded");

  @TempDir Path tmp;

  // ---- overwrite

  @DatabaseKinds
  void textWithTabsBackslashesLineBreaksAndAccentsIsStoredExactly(Kind kind) {
    // A carriage return is a control character the text rule refuses (see TextRule).
    String description = "tab\there, back\\slash \\N, line\nbreak, été 雪 😀";
    EoleTree tree =
        EoleTree.sample(tmp.resolve("v1"))
            .write(
                "servermodels/2.9.0/proxy.yaml",
                "name: proxy\nrelease: \"2.9.0\"\ntitle: \"Proxy\\twith a tab\"\n"
                    + "description: \""
                    + description.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                    + "\"\nextends: eolebase\nservices: [eole-proxy]\nvariables:\n"
                    + "  server_name: proxy\n");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(tree, "1.0.0");

      Map<String, String> row =
          site.rows("SELECT title, description FROM server_model WHERE name = ?", "proxy").get(0);
      assertEquals("Proxy\twith a tab", row.get("title"));
      assertEquals(description, row.get("description"));
    }
  }

  @DatabaseKinds
  void afterEachImportTheUpstreamRowsAreExactlyTheArchiveContent(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1")).withExtraService();
    EoleTree v2 =
        v1.copy(tmp.resolve("v2"))
            // a service removed, a service added
            .delete(EoleTree.EXTRA_SERVICE)
            .withMonitorService()
            // a variable's default changed, a variable removed (amon and amonecole change)
            .proxyPortDefault(3128, 3129)
            .withoutProxyParentPort()
            // a model removed, a model added
            .delete("servermodels/2.9.0/seth.yaml")
            .write(
                "servermodels/2.9.0/proxy.yaml",
                """
                name: proxy
                release: "2.9.0"
                title: Proxy
                description: A standalone filtering proxy.
                extends: eolebase
                services: [eole-proxy]
                variables:
                  server_name: proxy
                  proxy_cache_mb: 8000
                """)
            // a release changed
            .replace("releases/2.8.1.yaml", "status: maintenance", "status: end-of-support");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      ImportResult first = site.importTree(v1, "1.0.0");

      assertNull(first.fromVersion());
      assertFalse(first.skipped());
      assertEquals(new ModelCounts(18, 0, 0, 0, 0), first.counts());
      assertHoldsExactly(site, v1.load());

      ImportRequest second = site.request(v2, "2.0.0");
      ImportResult result = site.importer.importRelease(second);

      assertEquals("1.0.0", result.fromVersion());
      assertEquals("2.0.0", result.toVersion());
      // proxy added; amon and amonecole of 2.9.0 changed (their proxy variables); seth removed.
      assertEquals(new ModelCounts(1, 2, 1, 15, 0), result.counts());
      assertHoldsExactly(site, v2.load());
      Map<String, String> models = site.models();
      assertTrue(models.get("2.9.0/proxy").startsWith("active 2.0.0 "), models.toString());
      assertTrue(models.get("2.9.0/amon").startsWith("active 2.0.0 "), models.toString());
      assertTrue(models.get("2.9.0/eclair").startsWith("active 1.0.0 "), models.toString());
      assertFalse(models.containsKey("2.9.0/seth"), models.toString());

      Map<String, String> row =
          site.rows(
                  "SELECT version, target_path, target_hash, targets_version, previous_version,"
                      + " previous_target_path, title, pinned_below FROM datasource")
              .get(0);
      assertEquals("2.0.0", row.get("version"));
      assertEquals("eole/eole-2.0.0.tar.gz", row.get("target_path"));
      assertEquals(second.targetHash(), row.get("target_hash"));
      assertEquals("1", row.get("targets_version"));
      assertEquals("1.0.0", row.get("previous_version"));
      assertEquals("eole/eole-1.0.0.tar.gz", row.get("previous_target_path"));
      assertEquals("EOLE server models", row.get("title"));
      assertNull(row.get("pinned_below"));

      List<Map<String, String>> runs = site.runs();
      assertEquals(2, runs.size(), runs.toString());
      Map<String, String> run = runs.get(1);
      assertEquals("import", run.get("kind"));
      assertEquals("success", run.get("outcome"));
      assertEquals("1.0.0", run.get("from_version"));
      assertEquals("2.0.0", run.get("to_version"));
      assertEquals(second.targetHash(), run.get("target_hash"));
      assertEquals(
          List.of("1", "2", "1", "15", "0"),
          List.of(
              run.get("models_added"),
              run.get("models_changed"),
              run.get("models_removed"),
              run.get("models_unchanged"),
              run.get("models_withdrawn")));
      assertNull(run.get("error"));
    }
  }

  @DatabaseKinds
  void aChangedModelsVariableRowsAreWrittenOnlyWhereTheirContentChanged(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    String amon = "servermodels/2.9.0/amon.yaml";
    EoleTree v2 =
        v1.copy(tmp.resolve("v2"))
            // a value changed
            .replace(amon, "dhcp_lease_time: 28800", "dhcp_lease_time: 14400")
            // a variable added, by a service added at the end (amonecole, which extends amon, too)
            .withMonitorService()
            .replace(amon, "eole-dhcp, eole-dns]", "eole-dhcp, eole-dns, eole-monitor]")
            // a variable removed: those after it move up one place
            .withoutProxyParentPort();

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      Map<String, String> contentBefore = variableContent(site);
      Map<String, String> physicalBefore = physical(site, "model_variable");

      ImportResult result = site.importTree(v2, "2.0.0");

      assertEquals(new ModelCounts(0, 2, 0, 16, 0), result.counts());
      assertHoldsExactly(site, v2.load());
      Map<String, String> contentAfter = variableContent(site);
      Map<String, String> physicalAfter = physical(site, "model_variable");
      Set<String> added = new TreeSet<>(contentAfter.keySet());
      added.removeAll(contentBefore.keySet());
      Set<String> removed = new TreeSet<>(contentBefore.keySet());
      removed.removeAll(contentAfter.keySet());
      // amonecole extends amon: it runs the new service too.
      assertEquals(
          Set.of("2.9.0/amon/monitor_interval", "2.9.0/amonecole/monitor_interval"), added);
      assertEquals(
          Set.of("2.9.0/amon/proxy_parent_port", "2.9.0/amonecole/proxy_parent_port"), removed);
      int kept = 0;
      int written = 0;
      for (String key : contentAfter.keySet()) {
        if (added.contains(key)) {
          continue;
        }
        if (contentBefore.get(key).equals(contentAfter.get(key))) {
          assertEquals(physicalBefore.get(key), physicalAfter.get(key), key + " was rewritten");
          kept++;
        } else {
          written++;
          if (kind == Kind.POSTGRES) {
            assertNotEquals(
                physicalBefore.get(key), physicalAfter.get(key), key + " was not written");
          }
        }
      }
      // amon's lease time, and the places of the variables after proxy_parent_port in amon and
      // amonecole; every other row of the 18 models is left as it was.
      assertTrue(written > 1, "written: " + written);
      assertTrue(kept > 10 * written, "kept " + kept + ", written " + written);
      assertTrue(
          contentAfter.get("2.9.0/amon/dhcp_lease_time").contains("14400"),
          contentAfter.get("2.9.0/amon/dhcp_lease_time"));
    }
  }

  /** Each variable row's content by its key, as {@link #physical} names it. */
  private static Map<String, String> variableContent(ImportSite site) {
    Map<String, String> out = new TreeMap<>();
    site.rows(
            "SELECT release_name, model, name, position, service, value_json, source"
                + " FROM model_variable")
        .forEach(
            r ->
                out.put(
                    r.get("release_name") + "/" + r.get("model") + "/" + r.get("name"),
                    r.get("position")
                        + " "
                        + r.get("service")
                        + " "
                        + r.get("value_json")
                        + " "
                        + r.get("source")));
    return out;
  }

  @DatabaseKinds
  void modelsWhoseContentIsUnchangedAreNotRewritten(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v11 = v1.copy(tmp.resolve("v11")).touchHapy("Now with more virtual machines.");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      Map<String, String> modelsBefore = physical(site, "server_model");
      Map<String, String> variablesBefore = physical(site, "model_variable");

      ImportResult result = site.importTree(v11, "1.1.0");

      assertEquals(new ModelCounts(0, 1, 0, 17, 0), result.counts());
      Map<String, String> run = site.lastRun();
      assertEquals("1", run.get("models_changed"));
      assertEquals("17", run.get("models_unchanged"));
      assertEquals("0", run.get("models_added"));
      // Only hapy 2.9.0 was written by 1.1.0; every other model keeps the version that wrote it.
      site.models()
          .forEach(
              (model, line) ->
                  assertTrue(
                      line.startsWith(
                          model.equals("2.9.0/hapy") ? "active 1.1.0 " : "active 1.0.0 "),
                      model + ": " + line));
      // ...and its rows are physically the same ones (same row id on H2, same xmin on PostgreSQL);
      // hapy's row is updated in place (a new xmin on PostgreSQL), and its variables, which its
      // new description leaves as they were, are not written at all.
      Map<String, String> modelsAfter = physical(site, "server_model");
      assertEquals(modelsBefore.keySet(), modelsAfter.keySet());
      modelsBefore.forEach(
          (key, id) -> {
            if (!key.equals("2.9.0/hapy")) {
              assertEquals(id, modelsAfter.get(key), key + " was rewritten");
            } else if (kind == Kind.POSTGRES) {
              assertNotEquals(id, modelsAfter.get(key), key + " was not rewritten");
            }
          });
      assertEquals(variablesBefore, physical(site, "model_variable"));

      // The same release again (as another replica would have imported it): skipped, no write.
      Map<String, List<String>> before = site.snapshot();
      ImportResult again = site.importTree(v11, "1.1.0");

      assertTrue(again.skipped());
      assertEquals(ModelCounts.NONE, again.counts());
      Map<String, List<String>> after = site.snapshot();
      assertEquals(withoutRuns(before), withoutRuns(after));
      assertEquals("skipped", site.lastRun().get("outcome"));
      assertEquals(modelsAfter, physical(site, "server_model"));
    }
  }

  @DatabaseKinds
  void releasesAndServicesAreWrittenOnlyWhenTheyChange(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v11 = v1.copy(tmp.resolve("v11")).touchHapy("Now with more virtual machines.");
    EoleTree v12 =
        v11.copy(tmp.resolve("v12"))
            .replace(
                "releases/2.9.0.yaml", "end_of_support: 2028-06-30", "end_of_support: 2029-06-30");
    EoleTree v13 = v12.copy(tmp.resolve("v13")).proxyPortDefault(3128, 3129);
    List<String> tables = List.of("distribution_release", "service", "service_variable");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      Map<String, Map<String, String>> first = new TreeMap<>();
      tables.forEach(t -> first.put(t, physical(site, t)));

      // A model changed alone: not one row of these tables is written.
      site.importTree(v11, "1.1.0");
      assertHoldsExactly(site, v11.load());
      tables.forEach(t -> assertEquals(first.get(t), physical(site, t), t + " was written"));

      // A release's end of support, then a service's default: the tables hold the new rows.
      site.importTree(v12, "1.2.0");
      assertHoldsExactly(site, v12.load());
      assertEquals(
          "2029-06-30",
          site.value(
              "SELECT CAST(end_of_support AS VARCHAR(10)) FROM distribution_release"
                  + " WHERE name = '2.9.0'"));
      site.importTree(v13, "1.3.0");
      assertHoldsExactly(site, v13.load());
      assertEquals(
          "3129",
          site.value(
              "SELECT default_json FROM service_variable"
                  + " WHERE release_name = '2.9.0' AND name = 'proxy_port'"));
      if (kind == Kind.POSTGRES) {
        assertNotEquals(first.get("service_variable"), physical(site, "service_variable"));
      }
    }
  }

  @DatabaseKinds
  void modelsAreParsedAgainOnlyWhenTheFilesTheyAreMadeOfChange(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    // A comment in a service every model runs: the same models from other bytes.
    EoleTree v12 =
        v1.copy(tmp.resolve("v12"))
            .replace("services/eole-base.yaml", "name: eole-base", "# Reviewed.\nname: eole-base");
    EoleTree v13 = v12.copy(tmp.resolve("v13")).touchHapy("Bigger.");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      Map<String, String> first = digests(site);
      assertEquals(18, first.size());
      assertTrue(
          first.values().stream().allMatch(d -> d.matches("[0-9a-f]{64}")), first.toString());

      assertEquals(new ModelCounts(0, 0, 0, 18, 0), site.importTree(v12, "1.2.0").counts());
      Map<String, String> second = digests(site);
      first.forEach((model, d) -> assertNotEquals(d, second.get(model), model));

      assertEquals(new ModelCounts(0, 1, 0, 17, 0), site.importTree(v13, "1.3.0").counts());
      Map<String, String> third = digests(site);
      second.forEach(
          (model, d) -> {
            if (model.equals("2.9.0/hapy")) {
              assertNotEquals(d, third.get(model), model);
            } else {
              assertEquals(d, third.get(model), model);
            }
          });
    }
  }

  /** Each model's source digest, by "release/name". */
  private static Map<String, String> digests(ImportSite site) {
    Map<String, String> out = new TreeMap<>();
    site.rows("SELECT release_name, name, source_digest FROM server_model")
        .forEach(r -> out.put(r.get("release_name") + "/" + r.get("name"), r.get("source_digest")));
    return out;
  }

  // ---- child models and withdrawn parents

  @DatabaseKinds
  void childModelsAreNeverChangedAndAParentRemovedUpstreamIsKeptWithdrawn(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v2 =
        v1.copy(tmp.resolve("v2"))
            .delete("servermodels/2.9.0/eclair.yaml")
            .delete("servermodels/2.9.0/hapy.yaml");
    EoleTree v3 =
        v2.copy(tmp.resolve("v3"))
            .replace("releases/2.8.1.yaml", "Security and bug fixes", "Security fixes");
    EoleTree v4 = v3.copy(tmp.resolve("v4")).replace("releases/2.8.1.yaml", "fixes", "patches");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      site.child("eclair-college", ECLAIR, Map.of("dhcp_lease_time", "3600"), List.of());
      String eclairVariables = variableCount(site, "eclair");
      Map<String, List<String>> children = childTables(site);

      ImportResult result = site.importTree(v2, "2.0.0");

      // hapy had no child: deleted with its variables. eclair has one: kept, withdrawn.
      assertEquals(new ModelCounts(0, 0, 1, 16, 1), result.counts());
      Map<String, String> models = site.models();
      assertFalse(models.containsKey("2.9.0/hapy"), models.toString());
      assertEquals("0", variableCount(site, "hapy"));
      assertTrue(
          models.get("2.9.0/eclair").startsWith("withdrawn 1.0.0 2.0.0 "), models.toString());
      assertEquals(eclairVariables, variableCount(site, "eclair"));
      assertTrue(site.admin.model(ECLAIR).withdrawn());
      assertEquals("1", site.lastRun().get("models_withdrawn"));
      assertEquals("1", site.lastRun().get("models_removed"));
      // ...and flagged on the child, which the import did not touch.
      var conflicts = site.conflicts();
      assertEquals(1, conflicts.size(), conflicts.toString());
      var withdrawn = conflicts.get("eclair-college parent-withdrawn eole/2.9.0/eclair");
      assertEquals("blocking", withdrawn.severity());
      assertEquals("open", withdrawn.status());
      assertEquals("2.0.0", withdrawn.raisedVersion());
      assertEquals(children, childTables(site));

      // Imported again without it: still withdrawn since 2.0.0, still one conflict.
      ImportResult third = site.importTree(v3, "3.0.0");

      assertEquals(new ModelCounts(0, 0, 0, 16, 0), third.counts());
      assertTrue(site.models().get("2.9.0/eclair").startsWith("withdrawn 1.0.0 2.0.0 "));
      conflicts = site.conflicts();
      assertEquals(1, conflicts.size(), conflicts.toString());
      assertEquals(
          "3.0.0",
          conflicts.get("eclair-college parent-withdrawn eole/2.9.0/eclair").lastSeenVersion());
      assertEquals(children, childTables(site));

      // Once its last child is gone, the next import deletes it.
      site.admin.deleteChild("eclair-college");
      ImportResult fourth = site.importTree(v4, "4.0.0");

      assertEquals(new ModelCounts(0, 0, 1, 16, 0), fourth.counts());
      assertFalse(site.models().containsKey("2.9.0/eclair"));
      assertEquals("0", variableCount(site, "eclair"));
      assertEquals(16, site.count("server_model"));
    }
  }

  // ---- failures

  @DatabaseKinds
  void aFailureAtAnyStepLeavesThePreviousVersionExactlyAsItWasAndIsRecorded(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1")).withExtraService();
    EoleTree v2 = v1.copy(tmp.resolve("v2")).proxyPortDefault(3128, 3129);
    EoleTree v3 =
        v2.copy(tmp.resolve("v3"))
            .proxyPortDefault(3129, 3130)
            .withoutProxyParentPort()
            .delete(EoleTree.EXTRA_SERVICE)
            .delete("servermodels/2.9.0/hapy.yaml")
            .delete("servermodels/2.9.0/eclair.yaml");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      site.child(
          "amon-lycee",
          ImportSite.AMON,
          Map.of("proxy_port", "3130", "proxy_parent_port", "8080", "extra_level", "3"),
          List.of("eole-extra"));
      site.child("eclair-college", ECLAIR, Map.of(), List.of());
      site.importTree(v2, "2.0.0");
      assertEquals(1, site.conflicts().size(), site.conflicts().toString());
      ImportRequest request = site.request(v3, "3.0.0");

      for (String step : STEPS) {
        Map<String, List<String>> before = site.snapshot();
        String failure = "injected failure at " + step;
        site.onStep(
            (datasource, reached) -> {
              if (reached.equals(step)) {
                throw new IllegalStateException(failure);
              }
            });

        ImportException e =
            assertThrows(ImportException.class, () -> site.importer.importRelease(request));

        assertTrue(e.getMessage().contains(failure), e.getMessage());
        Map<String, List<String>> after = site.snapshot();
        assertEquals(withoutRuns(before), withoutRuns(after), "after a failure at " + step);
        assertEquals(before.get("import_run").size() + 1, after.get("import_run").size());
        Map<String, String> run = site.lastRun();
        assertEquals("import", run.get("kind"));
        assertEquals("failed", run.get("outcome"));
        assertEquals("2.0.0", run.get("from_version"));
        assertEquals("3.0.0", run.get("to_version"));
        assertEquals(request.targetHash(), run.get("target_hash"));
        assertTrue(run.get("error").contains(failure), run.toString());
      }
      assertEquals("2.0.0", site.value("SELECT version FROM datasource"));

      // The same release imports once the cause is gone.
      site.onStep(null);
      ImportResult result = site.importer.importRelease(request);

      assertFalse(result.skipped());
      assertEquals("2.0.0", result.fromVersion());
      assertEquals("3.0.0", site.value("SELECT version FROM datasource"));
      assertEquals(
          List.of(
              "amon-lycee default-changed proxy_port",
              "amon-lycee service-removed eole-extra",
              "amon-lycee variable-removed extra_level",
              "amon-lycee variable-removed proxy_parent_port",
              "eclair-college parent-withdrawn eole/2.9.0/eclair"),
          List.copyOf(site.conflicts().keySet()));
    }
  }

  // ---- notifications

  @DatabaseKinds
  void notificationsAreDeliveredAfterACommittedImportAndNeverForARolledBackOne(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v2 = v1.copy(tmp.resolve("v2")).touchHapy("Bigger.");
    NotificationSettings webhook =
        new NotificationSettings(
            Optional.of(
                new WebhookTarget(
                    URI.create("https://hooks.example.org/alize"), "0123456789abcdef")),
            Optional.empty(),
            Optional.empty());

    try (ImportSite site =
        new ImportSite(kind, TestDatabases.fresh(kind), tmp.resolve("data"), webhook)) {
      Counting log = new Counting("log");
      Counting hook = new Counting("webhook");
      OutboxDispatcher dispatcher =
          new OutboxDispatcher(
              site.database,
              site.context.bean(OutboxRepository.class),
              List.of(log, hook),
              Clock.systemUTC());

      site.importTree(v1, "1.0.0");

      assertEquals(
          List.of("log", "webhook"),
          site.rows("SELECT channel FROM notification_outbox ORDER BY id").stream()
              .map(r -> r.get("channel"))
              .toList());
      assertEquals(2, dispatcher.deliverDue(ImportSite.NOW));
      assertEquals(1, log.deliveries.size());
      assertEquals(1, hook.deliveries.size());
      ImportNotice first = hook.deliveries.get(0).notice();
      assertEquals(ImportNotice.IMPORT, first.kind());
      assertNull(first.fromVersion());
      assertEquals("1.0.0", first.toVersion());
      assertEquals(new ImportNotice.Counts(18, 0, 0, 0, 0), first.counts());

      // Rolled back after the notice was queued: nothing is left to deliver.
      site.onStep(
          (datasource, step) -> {
            if (step.equals("recorded")) {
              throw new IllegalStateException("injected failure after the outbox");
            }
          });
      assertThrows(ImportException.class, () -> site.importTree(v2, "2.0.0"));

      assertEquals(2, site.count("notification_outbox"));
      assertEquals(0, dispatcher.deliverDue(ImportSite.NOW));
      assertEquals(1, log.deliveries.size());
      assertEquals(1, hook.deliveries.size());

      // Committed: one row per channel, each delivered once.
      site.onStep(null);
      site.importTree(v2, "2.0.0");

      assertEquals(4, site.count("notification_outbox"));
      assertEquals(2, dispatcher.deliverDue(ImportSite.NOW));
      assertEquals(0, dispatcher.deliverDue(ImportSite.NOW));
      assertEquals(2, log.deliveries.size());
      assertEquals(2, hook.deliveries.size());
      ImportNotice second = hook.deliveries.get(1).notice();
      assertEquals("1.0.0", second.fromVersion());
      assertEquals("2.0.0", second.toVersion());
      assertEquals(new ImportNotice.Counts(0, 1, 0, 17, 0), second.counts());
      assertEquals(log.deliveries.get(1).json(), hook.deliveries.get(1).json());
      assertEquals(
          "0", site.value("SELECT COUNT(*) FROM notification_outbox WHERE delivered_at IS NULL"));
    }
  }

  // ---- preview

  @DatabaseKinds
  void previewStoresNothingAndTellsWhatTheImportThenDoes(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1")).withExtraService();
    EoleTree v2 =
        v1.copy(tmp.resolve("v2"))
            .proxyPortDefault(3128, 3129)
            .withoutProxyParentPort()
            .delete("servermodels/2.9.0/eclair.yaml")
            .delete("servermodels/2.9.0/hapy.yaml");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      // Before any import: not even the datasource's row is left behind.
      Map<String, List<String>> empty = site.snapshot();
      ImportResult firstPreview = site.importer.preview(site.request(v1, "1.0.0"));

      assertEquals(new ModelCounts(18, 0, 0, 0, 0), firstPreview.counts());
      assertFalse(firstPreview.skipped());
      assertEquals(empty, site.snapshot());

      site.importTree(v1, "1.0.0");
      site.child(
          "amon-lycee",
          ImportSite.AMON,
          Map.of("proxy_port", "3130", "proxy_parent_port", "8080"),
          List.of());
      site.child("eclair-college", ECLAIR, Map.of(), List.of());
      Map<String, List<String>> before = site.snapshot();
      ImportRequest request = site.request(v2, "2.0.0");

      ImportResult preview = site.importer.preview(request);

      assertEquals(before, site.snapshot());
      assertEquals("1.0.0", preview.fromVersion());
      assertEquals("2.0.0", preview.toVersion());
      assertEquals(new ModelCounts(0, 2, 1, 14, 1), preview.counts());
      assertEquals(
          List.of(
              "amon-lycee default-changed warning proxy_port",
              "amon-lycee variable-removed blocking proxy_parent_port",
              "eclair-college parent-withdrawn blocking eole/2.9.0/eclair"),
          conflictLines(preview));

      ImportResult imported = site.importer.importRelease(request);

      assertEquals(preview.counts(), imported.counts());
      assertEquals(conflictLines(preview), conflictLines(imported));
      assertEquals(messages(preview), messages(imported));
      assertEquals(preview.conflicts().raised().size(), imported.conflicts().raised().size());
      assertEquals(3, site.count("conflict"));
    }
  }

  // ---- hostile archives

  @DatabaseKinds
  void hostileArchivesAreRefusedNamingTheArchiveAndChangeNothing(Kind kind) throws IOException {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree renamed =
        v1.copy(tmp.resolve("renamed")).replace("datasource.yaml", "name: eole", "name: eole2");
    EoleTree invalid =
        v1.copy(tmp.resolve("invalid"))
            .replace("servermodels/2.9.0/hapy.yaml", "extends: eolebase", "extends: nosuch");
    Map<String, byte[]> traversal = new TreeMap<>();
    try (var paths = Files.walk(v1.dir())) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        traversal.put(v1.dir().relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    traversal.put("../escape.yaml", "name: escape\n".getBytes(StandardCharsets.UTF_8));

    record Hostile(String version, byte[] archive, String reason) {}
    List<Hostile> hostile =
        List.of(
            new Hostile(
                "9.0.1",
                "this is not a gzip stream".getBytes(StandardCharsets.UTF_8),
                "not a readable archive"),
            new Hostile("9.0.2", tarGz(traversal), "'..'"),
            new Hostile("9.0.3", renamed.archive(), "holds datasource 'eole2', not 'eole'"),
            new Hostile("9.0.4", invalid.archive(), "not a valid datasource"));

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");

      for (Hostile h : hostile) {
        Map<String, List<String>> before = site.snapshot();
        ImportRequest request = site.request(h.archive(), h.version());

        ImportException e =
            assertThrows(ImportException.class, () -> site.importer.importRelease(request));

        String message = e.getMessage();
        assertTrue(message.startsWith(request.targetPath() + ": "), message);
        assertTrue(message.contains(h.reason()), message);
        Map<String, List<String>> after = site.snapshot();
        assertEquals(withoutRuns(before), withoutRuns(after), request.targetPath());
        Map<String, String> run = site.lastRun();
        assertEquals("failed", run.get("outcome"));
        assertEquals("1.0.0", run.get("from_version"));
        assertEquals(h.version(), run.get("to_version"));
        assertEquals(message, run.get("error"));
      }
      assertEquals("1.0.0", site.value("SELECT version FROM datasource"));
      assertEquals(18, site.count("server_model"));
    }
  }

  // ---- helpers

  /** What the database holds for the datasource equals what {@code d} holds, row by row. */
  static void assertHoldsExactly(ImportSite site, Datasource d) {
    String name = d.name();
    List<String> releases = new ArrayList<>();
    for (Release r : d.releases().values()) {
      releases.add(
          r.name()
              + " "
              + r.codename()
              + " "
              + r.status().yamlName()
              + " "
              + r.endOfSupport()
              + " "
              + r.description());
    }
    assertEquals(
        sorted(releases),
        lines(
            site,
            "SELECT name, codename, status, end_of_support, description"
                + " FROM distribution_release WHERE datasource = ?",
            name));

    List<String> services = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    d.services()
        .forEach(
            (release, byName) -> {
              for (Service s : byName.values()) {
                services.add(release + " " + s.name() + " " + s.file() + " " + s.description());
                int position = 0;
                for (VariableDefinition v : s.variables().values()) {
                  variables.add(
                      release
                          + " "
                          + s.name()
                          + " "
                          + v.name()
                          + " "
                          + position++
                          + " "
                          + v.type().yamlName()
                          + " "
                          + (v.itemType() == null ? null : v.itemType().yamlName())
                          + " "
                          + OverrideValues.json(v.defaultValue())
                          + " "
                          + v.min()
                          + " "
                          + v.max()
                          + " "
                          + v.pattern());
                }
              }
            });
    assertEquals(
        sorted(services),
        lines(
            site,
            "SELECT release_name, name, source_file, description FROM service WHERE datasource = ?",
            name));
    assertEquals(
        sorted(variables),
        lines(
            site,
            "SELECT release_name, service, name, position, type, item_type, default_json,"
                + " min_value, max_value, pattern FROM service_variable WHERE datasource = ?",
            name));

    List<String> models = new ArrayList<>();
    List<String> values = new ArrayList<>();
    d.models()
        .forEach(
            (release, byName) -> {
              for (EffectiveModel m : byName.values()) {
                models.add(
                    release
                        + " "
                        + m.name()
                        + " "
                        + m.model().title()
                        + " "
                        + m.model().description()
                        + " "
                        + m.model().parent()
                        + " "
                        + m.contentHash()
                        + " "
                        + m.model().file()
                        + " active null "
                        + m.variables().size());
                int position = 0;
                for (EffectiveVariable v : m.variables().values()) {
                  values.add(
                      release
                          + " "
                          + m.name()
                          + " "
                          + v.name()
                          + " "
                          + position++
                          + " "
                          + v.service()
                          + " "
                          + OverrideValues.json(v.value())
                          + " "
                          + v.source());
                }
              }
            });
    assertEquals(
        sorted(models),
        lines(
            site,
            "SELECT release_name, name, title, description, parent, content_hash, source_file,"
                + " status, withdrawn_version, variable_count FROM server_model"
                + " WHERE datasource = ?",
            name));
    assertEquals(
        sorted(values),
        lines(
            site,
            "SELECT release_name, model, name, position, service, value_json, source"
                + " FROM model_variable WHERE datasource = ?",
            name));
  }

  private static List<String> lines(ImportSite site, String sql, Object... values) {
    List<String> out = new ArrayList<>();
    site.rows(sql, values).forEach(r -> out.add(String.join(" ", r.values())));
    return sorted(out);
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    out.replaceAll(String::strip);
    out.sort(null);
    return out;
  }

  /** The snapshot without the import history, which a failure adds to. */
  static Map<String, List<String>> withoutRuns(Map<String, List<String>> snapshot) {
    Map<String, List<String>> out = new TreeMap<>(snapshot);
    out.remove("import_run");
    return out;
  }

  /**
   * Each row's physical identity by key: its row id on H2, the transaction that wrote it on
   * PostgreSQL. A row deleted and inserted again gets another one.
   */
  static Map<String, String> physical(ImportSite site, String table) {
    String id = site.kind == Kind.POSTGRES ? "CAST(xmin AS TEXT)" : "CAST(_ROWID_ AS VARCHAR)";
    String key =
        switch (table) {
          case "distribution_release" -> "name";
          case "service", "server_model" -> "release_name, name";
          case "service_variable" -> "release_name, service, name";
          default -> "release_name, model, name";
        };
    Map<String, String> out = new TreeMap<>();
    site.rows("SELECT " + key + ", " + id + " AS phys FROM " + table)
        .forEach(
            r -> {
              List<String> parts = new ArrayList<>(r.values());
              String phys = parts.remove(parts.size() - 1);
              out.put(String.join("/", parts), phys);
            });
    assertFalse(out.isEmpty(), table + " is empty");
    return out;
  }

  private static String variableCount(ImportSite site, String model) {
    return site.value(
        "SELECT COUNT(*) FROM model_variable WHERE release_name = '2.9.0' AND model = ?", model);
  }

  private static Map<String, List<String>> childTables(ImportSite site) {
    Map<String, List<String>> all = site.snapshot();
    Map<String, List<String>> out = new TreeMap<>();
    for (String table : List.of("child_model", "child_override", "child_service")) {
      out.put(table, all.get(table));
    }
    assertFalse(out.get("child_model").isEmpty());
    return out;
  }

  static List<String> conflictLines(ImportResult result) {
    return result.detected().stream()
        .map(d -> d.child() + " " + d.kind() + " " + d.severity() + " " + d.subject())
        .sorted()
        .toList();
  }

  private static List<String> messages(ImportResult result) {
    return result.detected().stream().map(DetectedConflict::message).sorted().toList();
  }

  /** A tar.gz of exactly these entries, in this order, whatever their names. */
  static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    return out.toByteArray();
  }

  /** A notification channel that keeps what it is given. */
  static final class Counting implements NotificationChannel {
    private final String name;
    final List<Delivery> deliveries = new ArrayList<>();

    Counting(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public synchronized void deliver(Delivery delivery) {
      deliveries.add(delivery);
    }
  }
}
