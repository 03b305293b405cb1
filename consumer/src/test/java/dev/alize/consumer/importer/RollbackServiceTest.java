package dev.alize.consumer.importer;

import static dev.alize.consumer.importer.ImportSite.HAPY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.notify.ImportNotice;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import dev.alize.consumer.store.ModelCounts;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.sync.SyncedReleases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling a datasource back to the release imported before, from the cache of verified archives:
 * one transaction like an import, recorded, conflicts detected again, and a pin that keeps the next
 * sync from bringing the newer release back until an admin approves it.
 */
class RollbackServiceTest {

  @TempDir Path tmp;

  @DatabaseKinds
  void rollbackRestoresThePreviousReleaseAndPinsTheDatasource(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v2 =
        v1.copy(tmp.resolve("v2"))
            .replace("servermodels/2.9.0/hapy.yaml", "one_max_vms: 200", "one_max_vms: 400")
            .delete("servermodels/2.9.0/seth.yaml")
            .write(
                "servermodels/2.9.0/proxy.yaml",
                """
                name: proxy
                release: "2.9.0"
                title: Proxy
                extends: eolebase
                services: [eole-proxy]
                """);

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      Map<String, String> modelsOf100 = site.models();
      site.child("hapy-rectorat", HAPY, Map.of("one_max_vms", "300"), List.of());
      site.importTree(v2, "2.0.0");
      StoredConflict changed = site.conflicts().get("hapy-rectorat default-changed one_max_vms");
      assertEquals("open", changed.status());
      assertEquals(Map.of("old", "200", "new", "400", "override", "300"), changed.details());

      ImportResult result = site.rollbackService().rollback("eole");

      assertEquals("2.0.0", result.fromVersion());
      assertEquals("1.0.0", result.toVersion());
      // seth comes back, proxy goes, hapy changes back.
      assertEquals(new ModelCounts(1, 1, 1, 16, 0), result.counts());
      // The models are those of 1.0.0 again (rewritten ones by the rollback).
      Map<String, String> models = site.models();
      assertEquals(modelsOf100.keySet(), models.keySet());
      modelsOf100.forEach(
          (model, line) ->
              assertEquals(hash(line), hash(models.get(model)), model + " differs from 1.0.0"));
      DatabaseImporterTest.assertHoldsExactly(site, v1.load());

      Map<String, String> run = site.lastRun();
      assertEquals("rollback", run.get("kind"));
      assertEquals("success", run.get("outcome"));
      assertEquals("2.0.0", run.get("from_version"));
      assertEquals("1.0.0", run.get("to_version"));
      assertEquals("1", run.get("conflicts_closed"));
      // Conflict detection ran again: the default is back to what the admin reviewed.
      StoredConflict closed = site.conflicts().get("hapy-rectorat default-changed one_max_vms");
      assertEquals("resolved", closed.status());
      assertEquals("1.0.0", closed.closedVersion());
      assertNull(closed.statusChangedBy());
      // Admins are told.
      List<Map<String, String>> outbox =
          site.rows("SELECT payload FROM notification_outbox ORDER BY id");
      ImportNotice notice = ImportNotice.fromJson(outbox.get(outbox.size() - 1).get("payload"));
      assertEquals(ImportNotice.ROLLBACK, notice.kind());
      assertEquals("2.0.0", notice.fromVersion());
      assertEquals("1.0.0", notice.toVersion());

      Map<String, String> row =
          site.rows("SELECT version, previous_version, pinned_below, pinned_at FROM datasource")
              .get(0);
      assertEquals("1.0.0", row.get("version"));
      // A rollback is not rolled back: that would bring back the release just rolled back from.
      assertNull(row.get("previous_version"));
      assertEquals("2.0.0", row.get("pinned_below"));
      AdminException again =
          assertThrows(AdminException.class, () -> site.rollbackService().rollback("eole"));
      assertTrue(
          again.getMessage().contains("has no earlier import to roll back to"), again.getMessage());
      assertTrue(row.get("pinned_at") != null);
      assertEquals(
          Map.of("eole", SemanticVersion.parse("2.0.0")),
          site.importer.syncInputs("upstream").pins());
      assertEquals(
          Map.of("eole", SemanticVersion.parse("1.0.0")),
          site.importer.syncInputs("upstream").installed());

      // An admin's approval lifts the pin.
      SyncedReleases.store(
          new DataFolder(site.dataDir), ImportSite.REPOSITORY, ImportSite.NOW, "eole 2.0.0");
      site.admin.approve("eole", SemanticVersion.parse("2.0.0"), "alice");

      assertEquals(Map.of(), site.importer.syncInputs("upstream").pins());
      assertEquals(Set.of("eole 2.0.0"), site.importer.approvals());
      assertNull(site.value("SELECT pinned_below FROM datasource"));
    }
  }

  @DatabaseKinds
  void anAlteredOrMissingCachedArchiveIsRefusedAndNothingChanges(Kind kind) throws IOException {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v2 = v1.copy(tmp.resolve("v2")).touchHapy("Bigger.");

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      RollbackService rollback = site.rollbackService();
      AdminException unknown = assertThrows(AdminException.class, () -> rollback.rollback("eole"));
      assertEquals(AdminException.Reason.NOT_FOUND, unknown.reason());

      site.importTree(v1, "1.0.0");
      AdminException only = assertThrows(AdminException.class, () -> rollback.rollback("eole"));
      assertEquals(AdminException.Reason.CLASH, only.reason());
      assertTrue(
          only.getMessage().contains("has no earlier import to roll back to"), only.getMessage());

      site.importTree(v2, "2.0.0");
      Path cached = site.cached("1.0.0");
      byte[] original = Files.readAllBytes(cached);
      Map<String, List<String>> before = site.snapshot();

      // One byte more: not the archive that was verified and imported.
      Files.write(cached, new byte[] {0}, StandardOpenOption.APPEND);
      AdminException altered = assertThrows(AdminException.class, () -> rollback.rollback("eole"));

      assertEquals(AdminException.Reason.CLASH, altered.reason());
      assertTrue(
          altered.getMessage().startsWith("cannot roll back eole to 1.0.0: its cached archive "),
          altered.getMessage());
      assertTrue(altered.getMessage().contains("hash differs"), altered.getMessage());
      assertEquals(before, site.snapshot());
      assertEquals(Map.of(), site.importer.syncInputs("upstream").pins());

      Files.delete(cached);
      AdminException missing = assertThrows(AdminException.class, () -> rollback.rollback("eole"));

      assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
      assertEquals(before, site.snapshot());

      // The genuine archive back in the cache: the rollback goes through.
      Files.write(cached, original);
      assertEquals("1.0.0", rollback.rollback("eole").toVersion());
    }
  }

  /** The content hash at the end of a line of {@link ImportSite#models()}. */
  private static String hash(String line) {
    return line.substring(line.lastIndexOf(' ') + 1);
  }
}
