package dev.alize.consumer.importer;

import static dev.alize.consumer.importer.ImportSite.AMON;
import static dev.alize.consumer.importer.ImportSite.ECLAIR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import dev.alize.consumer.store.StoredConflict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conflicts an import stores for admins' child models, from crafted versions of the sample
 * datasource: each kind with its severity, subject and version; one row per conflict however many
 * syncs see it; closed when its cause disappears, opened again when it comes back; acknowledged and
 * resolved by admins.
 */
class ImportConflictsTest {

  private static final String PROXY_PARENT_PORT =
      "  proxy_parent_port:\n"
          + "    type: port\n"
          + "    default: 3128\n"
          + "    description: Port of the upstream proxy.\n";

  @TempDir Path tmp;

  @DatabaseKinds
  void everyKindOfConflictIsStoredOnceUpdatedClosedAndOpenedAgain(Kind kind) {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1")).withExtraService();
    // Each cause of conflict, at once.
    EoleTree v2 =
        v1.copy(tmp.resolve("v2"))
            .proxyPortDefault(3128, 3129)
            .withoutProxyParentPort()
            .replace(EoleTree.PROXY_290, "    max: 100000\n", "    max: 4500\n")
            .replace(
                EoleTree.PROXY_290,
                "choices: [light, standard, strict]",
                "choices: [standard, strict]")
            .delete(EoleTree.EXTRA_SERVICE)
            .delete("servermodels/2.9.0/eclair.yaml")
            .replace(
                "releases/2.9.0.yaml", "end_of_support: 2028-06-30", "end_of_support: 2024-12-31");
    // Unrelated changes only.
    EoleTree v201 = v2.copy(tmp.resolve("v201")).touchHapy("More machines.");
    EoleTree v202 = v201.copy(tmp.resolve("v202")).touchHapy("Even more.");
    // The default changes again; the removed variable and the removed parent come back.
    EoleTree v21 =
        v202.copy(tmp.resolve("v21"))
            .proxyPortDefault(3129, 3127)
            .replace(EoleTree.PROXY_290, "  filter_port:\n", PROXY_PARENT_PORT + "  filter_port:\n")
            .write("servermodels/2.9.0/eclair.yaml", v1.read("servermodels/2.9.0/eclair.yaml"));
    // The variable goes again.
    EoleTree v22 = v21.copy(tmp.resolve("v22")).withoutProxyParentPort();

    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      site.child(
          "amon-lycee",
          AMON,
          Map.of(
              "proxy_port", "3130",
              "proxy_cache_mb", "5000",
              "filter_level", "light",
              "proxy_parent_port", "8080"),
          List.of("eole-extra"));
      site.child("eclair-college", ECLAIR, Map.of("dhcp_lease_time", "3600"), List.of());
      assertEquals(Map.of(), site.conflicts());

      // ---- 2.0.0 raises one conflict of each kind
      ImportResult result = site.importTree(v2, "2.0.0");

      Map<String, StoredConflict> conflicts = site.conflicts();
      assertEquals(
          List.of(
              "amon-lycee default-changed proxy_port warning",
              "amon-lycee end-of-support 2.9.0 information",
              "amon-lycee override-invalid filter_level blocking",
              "amon-lycee override-invalid proxy_cache_mb blocking",
              "amon-lycee service-removed eole-extra blocking",
              "amon-lycee variable-removed proxy_parent_port blocking",
              "eclair-college end-of-support 2.9.0 information",
              "eclair-college parent-withdrawn eole/2.9.0/eclair blocking"),
          conflicts.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue().severity())
              .toList());
      for (StoredConflict c : conflicts.values()) {
        assertEquals("open", c.status(), c.toString());
        assertEquals("eole", c.datasource());
        assertEquals("2.0.0", c.raisedVersion(), c.toString());
        assertEquals("2.0.0", c.lastSeenVersion(), c.toString());
        assertNull(c.closedVersion());
        assertNull(c.statusChangedBy());
        assertTrue(c.message().contains("'" + c.child() + "'"), c.message());
      }
      assertEquals(
          Map.of("old", "3128", "new", "3129", "override", "3130"),
          conflicts.get("amon-lycee default-changed proxy_port").details());
      assertTrue(
          conflicts.get("amon-lycee override-invalid proxy_cache_mb").message().contains("5000"));
      assertEquals(8, result.conflicts().raised().size());
      assertEquals("8", site.lastRun().get("conflicts_raised"));
      assertEquals(8, site.count("conflict"));
      Map<String, Long> ids = ids(conflicts);

      // ---- an unrelated change: the same conflicts, seen again, not duplicated
      ImportResult again = site.importTree(v201, "2.0.1");

      conflicts = site.conflicts();
      assertEquals(8, site.count("conflict"));
      assertEquals(ids, ids(conflicts));
      for (StoredConflict c : conflicts.values()) {
        assertEquals("open", c.status(), c.toString());
        assertEquals("2.0.0", c.raisedVersion(), c.toString());
        assertEquals("2.0.1", c.lastSeenVersion(), c.toString());
      }
      assertEquals(List.of(), again.conflicts().raised());
      assertEquals(List.of(), again.conflicts().closed());
      assertEquals(8, again.detected().size());
      assertEquals("0", site.lastRun().get("conflicts_raised"));
      assertEquals("0", site.lastRun().get("conflicts_closed"));

      // ---- admins acknowledge one and resolve another
      long removed = ids.get("amon-lycee variable-removed proxy_parent_port");
      long changed = ids.get("amon-lycee default-changed proxy_port");
      StoredConflict acknowledged =
          site.admin.acknowledge(removed, "bob", "the override goes next week");
      StoredConflict resolved = site.admin.resolve(changed, "carol", "3130 is still right");

      assertEquals("acknowledged", acknowledged.status());
      assertEquals("bob", acknowledged.statusChangedBy());
      assertEquals("the override goes next week", acknowledged.comment());
      assertEquals("resolved", resolved.status());
      assertEquals("carol", resolved.statusChangedBy());
      assertEquals("3130 is still right", resolved.comment());
      // The child is reconciled with the new default, and its override kept.
      assertEquals(
          List.of("3130 3129"),
          site
              .rows(
                  "SELECT o.value_text, o.reconciled_value FROM child_override o"
                      + " JOIN child_model m ON m.id = o.child_id"
                      + " WHERE m.name = 'amon-lycee' AND o.variable = 'proxy_port'")
              .stream()
              .map(r -> r.get("value_text") + " " + r.get("reconciled_value"))
              .toList());

      // ---- another sync: neither is raised again while its cause is the one admins saw
      ImportResult third = site.importTree(v202, "2.0.2");

      conflicts = site.conflicts();
      assertEquals(ids, ids(conflicts));
      StoredConflict stillResolved = conflicts.get("amon-lycee default-changed proxy_port");
      assertEquals("resolved", stillResolved.status());
      assertEquals("carol", stillResolved.statusChangedBy());
      assertEquals("3130 is still right", stillResolved.comment());
      // Reconciled by the resolution, the child no longer differs: its cause is gone, so a new
      // change of that default opens it again.
      assertEquals("2.0.2", stillResolved.closedVersion());
      StoredConflict stillAcknowledged =
          conflicts.get("amon-lycee variable-removed proxy_parent_port");
      assertEquals("acknowledged", stillAcknowledged.status());
      assertEquals("bob", stillAcknowledged.statusChangedBy());
      assertEquals("2.0.2", stillAcknowledged.lastSeenVersion());
      assertEquals(List.of(), third.conflicts().raised());
      assertEquals(List.of(), third.conflicts().closed());
      assertEquals(7, third.detected().size());

      // ---- 2.1.0: the default changes again, two causes disappear
      ImportResult fourth = site.importTree(v21, "2.1.0");

      conflicts = site.conflicts();
      assertEquals(ids, ids(conflicts));
      StoredConflict reopened = conflicts.get("amon-lycee default-changed proxy_port");
      assertEquals("open", reopened.status());
      assertEquals("2.1.0", reopened.raisedVersion());
      assertNull(reopened.statusChangedBy());
      assertNull(reopened.comment());
      assertEquals(Map.of("old", "3129", "new", "3127", "override", "3130"), reopened.details());
      for (String key :
          List.of(
              "amon-lycee variable-removed proxy_parent_port",
              "eclair-college parent-withdrawn eole/2.9.0/eclair")) {
        StoredConflict closed = conflicts.get(key);
        assertEquals("resolved", closed.status(), key);
        assertNull(closed.statusChangedBy(), key);
        assertEquals("2.1.0", closed.closedVersion(), key);
      }
      assertEquals(List.of(changed), fourth.conflicts().raised());
      assertEquals(
          sortedCopy(
              List.of(removed, ids.get("eclair-college parent-withdrawn eole/2.9.0/eclair"))),
          sortedCopy(fourth.conflicts().closed()));
      assertEquals("1", site.lastRun().get("conflicts_raised"));
      assertEquals("2", site.lastRun().get("conflicts_closed"));
      // Back as active: no longer withdrawn in any version.
      assertTrue(site.models().get("2.9.0/eclair").startsWith("active 2.1.0 null "));
      assertEquals(8, site.count("conflict"));

      // ---- 2.2.0: the removed variable's cause comes back: the same conflict, open again
      ImportResult fifth = site.importTree(v22, "2.2.0");

      conflicts = site.conflicts();
      assertEquals(ids, ids(conflicts));
      StoredConflict back = conflicts.get("amon-lycee variable-removed proxy_parent_port");
      assertEquals("open", back.status());
      assertEquals("2.2.0", back.raisedVersion());
      assertEquals("2.2.0", back.lastSeenVersion());
      assertNull(back.closedVersion());
      assertNull(back.statusChangedBy());
      assertNull(back.comment());
      assertEquals(List.of(removed), fifth.conflicts().raised());
      assertEquals(List.of(), fifth.conflicts().closed());
      assertEquals(
          "resolved", conflicts.get("eclair-college parent-withdrawn eole/2.9.0/eclair").status());
      assertEquals(8, site.count("conflict"));
    }
  }

  private static Map<String, Long> ids(Map<String, StoredConflict> conflicts) {
    Map<String, Long> out = new TreeMap<>();
    conflicts.forEach((k, v) -> out.put(k, v.id()));
    return out;
  }

  private static List<Long> sortedCopy(List<Long> ids) {
    List<Long> out = new ArrayList<>(ids);
    out.sort(null);
    return out;
  }
}
