package dev.alize.consumer.importer;

import static dev.alize.consumer.importer.ImportSite.AMON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admins' changes made while an import of their datasource runs wait for it without holding the
 * pool's connections (four): the status, the syncs and the notifications still find one.
 */
class ChangesWaitingForAnImportTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** More changes than the pool has connections beside the import's. */
  private static final int CHANGES = 6;

  @TempDir Path tmp;

  @DatabaseKinds
  void sixChangesWaitingForAnImport_leaveAConnectionForAReader(Kind kind) throws Exception {
    EoleTree v1 = EoleTree.sample(tmp.resolve("v1"));
    EoleTree v2 = v1.copy(tmp.resolve("v2")).proxyPortDefault(3128, 3129);
    ExecutorService admins = Executors.newFixedThreadPool(CHANGES + 1);
    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(v1, "1.0.0");
      List<Future<?>> changes = new ArrayList<>();
      List<Object> read = new ArrayList<>();
      site.onStep(
          (datasource, step) -> {
            if (!step.equals("models written")) {
              return;
            }
            for (int i = 0; i < CHANGES; i++) {
              ChildDraft draft =
                  new ChildDraft(
                      "amon-" + i,
                      AMON,
                      Map.of("proxy_port", "313" + i),
                      List.of(),
                      List.of(),
                      null);
              changes.add(admins.submit(() -> site.admin.createChild(draft, "alice")));
            }
            // As many as may take a connection beside the import's, at least, are waiting.
            site.awaitWritersWaiting(3, PATIENCE, () -> changes.stream().anyMatch(Future::isDone));
            try {
              read.add(
                  admins
                      .submit(() -> site.admin.datasources())
                      .get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            } catch (Exception e) {
              throw new AssertionError("a reader found no connection", e);
            }
          });

      ImportResult result = site.importTree(v2, "2.0.0");
      for (Future<?> change : changes) {
        change.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }

      assertEquals(1, read.size());
      assertEquals("2.0.0", result.toVersion());
      assertEquals(
          "import success", site.lastRun().get("kind") + " " + site.lastRun().get("outcome"));
      assertEquals(CHANGES, site.count("child_model"));
    } finally {
      admins.shutdownNow();
    }
  }
}
