package dev.alize.consumer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.conflict.ChildFieldNames;
import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.admin.ChildChange;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases.Kind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child model's values are checked before its datasource's lock is taken: an admin's value whose
 * pattern is costly to match must never hold up an import, nor wait for one to be refused.
 */
class ChildChecksOutsideLocksTest {

  private static final ModelRef SPHYNX = new ModelRef(ImportSite.DATASOURCE, "2.9.0", "sphynx");

  /** What a wait for an answer that needs no lock may take, on a loaded machine. */
  private static final long BOUND_SECONDS = 20;

  @TempDir Path tmp;

  @DatabaseKinds
  void anInvalidValue_isRefusedWhileAnImportHoldsTheDatasourcesLock(Kind kind) throws Exception {
    try (ImportSite site = new ImportSite(kind, tmp.resolve("data"))) {
      site.importTree(EoleTree.sample(tmp.resolve("v1")), "1.0.0");
      site.child("sphynx-lycee", SPHYNX, Map.of("wg_interface", "wg1"), List.of());
      Map<String, List<String>> before = site.snapshot();

      AdminException created =
          whileLocked(
              site,
              () ->
                  site.admin.createChild(
                      new ChildDraft(
                          "sphynx-college",
                          SPHYNX,
                          Map.of("wg_interface", "eth0"),
                          List.of(),
                          List.of(),
                          null),
                      "alice"));
      assertEquals(AdminException.Reason.INVALID, created.reason());
      assertTrue(
          String.join("\n", created.problems()).contains("wg_interface"),
          created.problems().toString());

      AdminException changed =
          whileLocked(
              site,
              () ->
                  site.admin.changeChild(
                      "sphynx-lycee",
                      new ChildChange(
                          Map.of("wg_interface", "wg-" + "9".repeat(5000)), null, null, null, null),
                      "alice",
                      ChildFieldNames.COMMAND_LINE));
      assertEquals(AdminException.Reason.INVALID, changed.reason());

      assertEquals(before, site.snapshot());
    }
  }

  /**
   * Runs {@code change} while another transaction holds the datasource's lock as an import does,
   * and returns how the change was refused: without waiting for the lock.
   */
  private static AdminException whileLocked(ImportSite site, Supplier<?> change) throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> holder =
          threads.submit(
              () ->
                  site.database.inTransaction(
                      c -> {
                        try (PreparedStatement s =
                            c.prepareStatement(
                                "SELECT name FROM datasource WHERE name = ? FOR UPDATE")) {
                          s.setString(1, ImportSite.DATASOURCE);
                          s.executeQuery().close();
                        }
                        locked.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return null;
                      }));
      assertTrue(locked.await(BOUND_SECONDS, TimeUnit.SECONDS), "the lock was never taken");
      CompletableFuture<Object> answer = CompletableFuture.supplyAsync(change::get, threads);
      ExecutionException refused =
          assertThrows(ExecutionException.class, () -> answer.get(BOUND_SECONDS, TimeUnit.SECONDS));
      release.countDown();
      holder.get(BOUND_SECONDS, TimeUnit.SECONDS);
      return assertInstanceOf(AdminException.class, refused.getCause());
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }
}
