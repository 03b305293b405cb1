package dev.alize.consumer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.codec.Hashes;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.bench.BenchDatasource;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.importer.ImportRequest;
import dev.alize.consumer.importer.ImportResult;
import dev.alize.consumer.persistence.DatabaseKinds;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.sync.SyncedReleases;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admins at work on the API while a large release of the same datasource is imported: child models
 * created, read, changed and deleted, conflicts acknowledged, approvals given and withdrawn, the
 * status, history and models read. Every answer is a success or a documented refusal, nothing waits
 * for ever (the import and every request end within {@link #BOUND}, else the threads are shown),
 * and afterwards the release is imported whole, each child model is as its admin left it, and the
 * conflicts stored are those the release raises against the child models as they are.
 */
class AdminApiDuringImportTest {

  private static final int MODELS = 1500;

  /** Child models made before the import, each overriding a value every release changes. */
  private static final int CHILDREN = 30;

  /** Of those, deleted during the import, one at a time. */
  private static final int DELETED = 10;

  private static final int WRITERS = 3;
  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final String DATASOURCE = BenchDatasource.NAME;

  private ApiFixture api;
  private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean importing = new AtomicBoolean(true);

  @DatabaseKinds
  void adminsAtWorkDuringALargeImport_everyAnswerDocumentedAndTheImportWhole(
      TestDatabases.Kind kind, @TempDir Path dir) throws Exception {
    try (ApiFixture started = ApiFixture.start(dir.resolve("site"), TestDatabases.fresh(kind))) {
      api = started;
      // The release the admins approve is one the repository publishes, as an approval requires.
      SyncedReleases.store(
          new DataFolder(api.dataDir),
          ApiFixture.REPOSITORY,
          ApiFixture.NOW,
          DATASOURCE + " 4.0.0");
      BenchDatasource.Shape first = BenchDatasource.Shape.first(MODELS);
      BenchDatasource.Shape second = first.next(1.0);
      BenchDatasource.Shape third = second.next(1.0);
      api.importer.importRelease(request(dir, "1.0.0", first, 10));
      for (int k = 0; k < CHILDREN; k++) {
        api.admin.createChild(draft("before-" + k, k * (MODELS / CHILDREN), 5000 + k), "fixture");
      }
      // Raises a default-changed conflict on each of them, for the admins to acknowledge.
      api.importer.importRelease(request(dir, "2.0.0", second, 11));
      ImportRequest large = request(dir, "3.0.0", third, 12);

      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 3);
      List<Future<?>> running = new ArrayList<>();
      Future<ImportResult> imported =
          pool.submit(
              () -> {
                try {
                  return api.importer.importRelease(large);
                } finally {
                  importing.set(false);
                }
              });
      running.add(imported);
      List<Future<Map<String, Map<String, String>>>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> writeChildren(writer)));
      }
      running.addAll(writers);
      Future<Set<String>> settled = pool.submit(this::settleConflicts);
      running.add(settled);
      running.add(pool.submit(this::readAndApprove));
      awaitAll(pool, running);

      assertEquals(List.of(), List.copyOf(unexpected));
      ImportResult result = imported.get();
      assertFalse(result.skipped());
      assertEquals("3.0.0", result.toVersion());
      assertEquals(MODELS, api.admin.modelCounts().get(DATASOURCE));
      ImportRun last = api.admin.imports(DATASOURCE, 1).get(0);
      assertEquals("success", last.outcome());
      assertEquals("3.0.0", last.toVersion());

      Map<String, Map<String, String>> left = new TreeMap<>();
      for (Future<Map<String, Map<String, String>>> writer : writers) {
        left.putAll(writer.get());
      }
      for (int k = 0; k < CHILDREN; k++) {
        left.put("before-" + k, overrides(k * (MODELS / CHILDREN), 5000 + k, false));
      }
      settled.get().forEach(left::remove);
      Map<String, Map<String, String>> stored =
          api.admin.children().stream()
              .filter(c -> c.child().parent().datasource().equals(DATASOURCE))
              .collect(
                  Collectors.toMap(
                      c -> c.child().name(),
                      AdminApiDuringImportTest::values,
                      (a, b) -> a,
                      TreeMap::new));
      assertEquals(left, stored);
      // The stored conflicts are what the imported release raises against the children now.
      ImportResult again = api.importer.preview(large);
      assertEquals(List.of(), again.conflicts().raised());
      assertEquals(List.of(), again.conflicts().closed());
      for (int k = 0; k < CHILDREN - DELETED; k++) {
        String child = "before-" + k;
        assertTrue(
            api.admin.conflicts(ConflictStore.Status.ALL).stream()
                .anyMatch(
                    c ->
                        c.child().equals(child)
                            && c.kind().equals("default-changed")
                            && c.lastSeenVersion().equals("3.0.0")
                            && !c.status().equals("resolved")),
            () -> child + " has no default-changed conflict seen in 3.0.0");
      }
    }
  }

  /**
   * One admin's round after round until the import ends: a child model created, read, changed, and
   * one in three deleted. Returns what it left: each child's overrides.
   */
  private Map<String, Map<String, String>> writeChildren(int writer) throws Exception {
    Map<String, Map<String, String>> left = new TreeMap<>();
    int k = 0;
    do {
      String name = "admin-" + writer + "-" + k;
      int model = (writer * 997 + k * 31) % MODELS;
      int value = 6000 + k;
      ChildDraft draft = draft(name, model, value);
      String v0 = draft.set().keySet().iterator().next();
      String path = "/api/v1/children/" + name;
      call(
          "POST",
          "/api/v1/children",
          "{\"name\": \""
              + name
              + "\", \"parent\": \""
              + draft.parent()
              + "\", \"set\": {\""
              + v0
              + "\": \""
              + value
              + "\"}}",
          Set.of(201));
      call("GET", path, null, Set.of(200));
      call("PATCH", path, "{\"set\": {\"" + variable(model, "v2") + "\": \"9000\"}}", Set.of(200));
      if (k % 3 == 2) {
        call("DELETE", path, null, Set.of(204));
      } else {
        left.put(name, overrides(model, value, true));
      }
      k++;
    } while (importing.get());
    return left;
  }

  /**
   * Acknowledges the open conflicts of the children made before the import, reading each first, and
   * deletes one of those children a round, up to {@link #DELETED}. An import may resolve a conflict
   * meanwhile: its acknowledgement is then refused with 409, as documented. Returns the children it
   * deleted.
   */
  private Set<String> settleConflicts() throws Exception {
    Set<String> deleted = new TreeSet<>();
    do {
      JsonNode open =
          ApiFixture.json(call("GET", "/api/v1/conflicts?status=open", null, Set.of(200)));
      int acknowledged = 0;
      for (JsonNode conflict : open) {
        String child = conflict.get("child").asText();
        if (acknowledged == 3 || !child.startsWith("before-") || deleted.contains(child)) {
          continue;
        }
        String path = "/api/v1/conflicts/" + conflict.get("id").asLong();
        call("GET", path, null, Set.of(200));
        call(
            "POST",
            path + "/acknowledge",
            "{\"comment\": \"seen during the import\"}",
            Set.of(200, 409));
        acknowledged++;
      }
      if (deleted.size() < DELETED) {
        String child = "before-" + (CHILDREN - 1 - deleted.size());
        call("DELETE", "/api/v1/children/" + child, null, Set.of(204));
        deleted.add(child);
      }
    } while (importing.get());
    return deleted;
  }

  /** Reads what an admin's page shows, and approves a later release then withdraws it. */
  private Void readAndApprove() throws Exception {
    do {
      call("GET", "/api/v1/status", null, Set.of(200));
      call("GET", "/api/v1/imports?datasource=" + DATASOURCE + "&limit=5", null, Set.of(200));
      call("GET", "/api/v1/children", null, Set.of(200));
      call(
          "GET",
          "/api/v1/models/"
              + DATASOURCE
              + "/"
              + BenchDatasource.release(1, MODELS)
              + "/"
              + BenchDatasource.modelName(1, MODELS),
          null,
          Set.of(200));
      call("GET", "/api/v1/approvals", null, Set.of(200));
      call(
          "POST",
          "/api/v1/approvals",
          "{\"datasource\": \"" + DATASOURCE + "\", \"version\": \"4.0.0\"}",
          Set.of(200));
      call("DELETE", "/api/v1/approvals/" + DATASOURCE + "/4.0.0", null, Set.of(204));
    } while (importing.get());
    return null;
  }

  /** Sends a request as alice; an answer outside {@code expected} is recorded. */
  private HttpResponse<String> call(String method, String path, String body, Set<Integer> expected)
      throws Exception {
    HttpResponse<String> response = api.send(method, path, api.aliceToken, body);
    if (!expected.contains(response.statusCode())) {
      unexpected.add(method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  /** Waits for every task within {@link #BOUND}; past it, fails showing every thread's stack. */
  private static void awaitAll(ExecutorService pool, List<Future<?>> running) throws Exception {
    long deadline = System.nanoTime() + BOUND.toNanos();
    try {
      for (Future<?> task : running) {
        task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      String threads = threads();
      System.err.println(threads);
      fail("the import or a request still runs after " + BOUND.toSeconds() + " s:\n" + threads);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** Every thread's state and whole stack, with the locks it holds and waits for. */
  private static String threads() {
    StringBuilder out = new StringBuilder();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
      if (t.getLockName() != null) {
        out.append(" on ").append(t.getLockName());
      }
      out.append('\n');
      for (StackTraceElement frame : t.getStackTrace()) {
        out.append("    at ").append(frame).append('\n');
      }
    }
    return out.toString();
  }

  /** A child of model {@code model} overriding its first service's changing value. */
  private static ChildDraft draft(String name, int model, int value) {
    return new ChildDraft(
        name,
        new ModelRef(
            DATASOURCE,
            BenchDatasource.release(model, MODELS),
            BenchDatasource.modelName(model, MODELS)),
        Map.of(variable(model, BenchDatasource.CHANGED_VARIABLE), Integer.toString(value)),
        null,
        null,
        "made during the import");
  }

  private static Map<String, String> overrides(int model, int value, boolean changed) {
    Map<String, String> set = new TreeMap<>();
    set.put(variable(model, BenchDatasource.CHANGED_VARIABLE), Integer.toString(value));
    if (changed) {
      set.put(variable(model, "v2"), "9000");
    }
    return set;
  }

  private static String variable(int model, String v) {
    return BenchDatasource.variable(model % BenchDatasource.SERVICES, v);
  }

  private static Map<String, String> values(StoredChild child) {
    return child.child().overrides().stream()
        .collect(
            Collectors.toMap(
                ChildOverride::variable, ChildOverride::valueText, (a, b) -> a, TreeMap::new));
  }

  /** The release of {@code shape} as {@code version}, archived as the publisher archives it. */
  private static ImportRequest request(
      Path dir, String version, BenchDatasource.Shape shape, int targetsVersion) throws Exception {
    Path source = dir.resolve("source-" + version);
    BenchDatasource.write(source, shape);
    byte[] archive = DeterministicArchive.write(new DirectorySourceTree(source));
    Path file = Files.write(dir.resolve(DATASOURCE + "-" + version + ".tar.gz"), archive);
    return new ImportRequest(
        ApiFixture.REPOSITORY,
        DATASOURCE,
        version,
        DATASOURCE + "/" + DATASOURCE + "-" + version + ".tar.gz",
        file,
        Hashes.sha256Hex(archive),
        targetsVersion);
  }
}
