package dev.alize.consumer.bench;

import dev.alize.consumer.persistence.TestDatabases;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark: {@code ./mvnw -B -q -Pbench verify}. Generates its datasources, runs every measure
 * after a warm-up against a baseline measured in the same run, prints the table and writes it as
 * JSON to {@code consumer/target/bench/bench.json}. Timings never make it fail; an error does.
 *
 * <p>Options (as {@code -Dbench.args="..."}): {@code --runs N} (default 3), {@code --warmups N}
 * (default 1), {@code --scales 1000,10000,50000} (the second is the main scale), {@code --only
 * sync,release,serving,startup,memory,fleet,polling} (all by default), {@code --data
 * academy|simple} (the datasources of the scaled and memory measures, academy by default: see
 * {@link BenchDatasource.Kind}).
 */
public final class Bench {

  private final BenchSettings settings;
  private final Jobs jobs;
  private final Report report = new Report(Machine.current());

  private Bench(BenchSettings settings) throws IOException {
    this.settings = settings;
    this.jobs = new Jobs(settings);
  }

  public static void main(String[] args) throws Exception {
    int runs = 3;
    int warmups = 1;
    List<Integer> scales = List.of(1_000, 10_000, 50_000);
    Set<String> only = Set.of();
    BenchDatasource.Kind data = BenchDatasource.Kind.ACADEMY;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        case "--only" -> only = Set.of(args[++i].split(","));
        case "--data" -> data = BenchDatasource.Kind.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--scales" ->
            scales = Stream.of(args[++i].split(",")).map(s -> Integer.parseInt(s.trim())).toList();
        default -> {
          System.err.println("bench: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isRegularFile(root.resolve("consumer/target/consumer.jar"))) {
      System.err.println(
          "bench: run from the repository's root, after packaging: ./mvnw -B -q -Pbench verify");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("alize-bench-");
    PrintStream out = System.out;
    BenchSettings settings = new BenchSettings(root, work, warmups, runs, scales, only, data, out);
    int code = 0;
    long t0 = System.nanoTime();
    try {
      Bench bench = new Bench(settings);
      settings.say("Alizé benchmark: %s", bench.report.machineShown());
      bench.run();
      bench.report.print(out);
      Path json = root.resolve("consumer/target/bench/bench.json");
      bench.report.writeJson(json);
      out.printf(
          Locale.ROOT,
          "%nJSON: %s; took %.0f s%n",
          root.relativize(json),
          (System.nanoTime() - t0) / 1e9);
    } catch (Exception e) {
      out.println("bench: failed: " + e.getMessage());
      out.println("bench: logs kept in " + work.resolve("logs"));
      e.printStackTrace(out);
      code = 1;
    }
    if (code == 0) {
      deleteTree(work);
    }
    System.exit(code);
  }

  private void run() throws Exception {
    List<Integer> scales = settings.scales();
    int main = scales.size() > 1 ? scales.get(1) : scales.get(0);
    Map<Integer, SyncBench.Figures> syncByScale = new LinkedHashMap<>();
    Map<Integer, ReleaseBench.Figures> releaseByScale = new LinkedHashMap<>();
    ReleaseBench.Figures onePercentRelease = null;
    List<Row> mainRows = new ArrayList<>();
    boolean scaled = Stream.of("sync", "release", "serving", "startup").anyMatch(settings::runs);
    for (int n : scaled ? scales : List.<Integer>of()) {
      boolean isMain = n == main;
      settings.say(
          "Scale %,d models: generating and releasing 1.0.0, 2.0.0 (every model changed)%s",
          n, isMain ? ", 2.1.0 (1 % changed)" : "");
      try (PublisherSite site =
          new PublisherSite(settings, jobs, settings.work().resolve("scale-" + n))) {
        BenchDatasource.Shape first = BenchDatasource.Shape.first(settings.data(), n);
        site.release("1.0.0", first, List.of());
        BenchDatasource.Shape full = first.next(1.0);
        site.release("2.0.0", full, List.of());
        if (isMain) {
          site.release("2.1.0", full.next(0.01), List.of());
        }
        List<URI> urls = site.serveAll();
        // The largest scale takes minutes an iteration: the smaller ones have warmed the JVM.
        int warmups = n > main ? 0 : settings.warmups();
        int runs = n > main ? 1 : settings.runs();
        if (settings.runs("release")) {
          settings.say(
              "Scale %,d: release (publisher.jar release 2.0.0) against tar czf + sha256sum", n);
          releaseByScale.put(n, ReleaseBench.measure(settings, jobs, site, 1, warmups, runs));
          if (isMain) {
            settings.say(
                "Scale %,d: release of a 1 %% change (publisher.jar release 2.1.0) against tar czf"
                    + " + sha256sum",
                n);
            onePercentRelease = ReleaseBench.measure(settings, jobs, site, 2, warmups, runs);
          }
        }
        SyncBench sync = new SyncBench(settings, site, urls);
        try {
          if (settings.runs("sync")) {
            String data =
                String.format(
                    Locale.ROOT,
                    "%s; archive %.1f MB",
                    full.shown(),
                    Files.size(site.stages().get(1).archive()) / 1048576.0);
            settings.say("Scale %,d: %s", n, data);
            settings.say("Scale %,d: sync into PostgreSQL", n);
            SyncBench.Figures pg = sync.measure(TestDatabases.Kind.POSTGRES, full, warmups, runs);
            syncByScale.put(n, pg);
            if (n >= main) {
              settings.say("Scale %,d: sync into H2", n);
              SyncBench.Figures h2 = sync.measure(TestDatabases.Kind.H2, full, warmups, runs);
              mainRows.addAll(floorRows(n, isMain, pg, h2, data));
              if (isMain) {
                mainRows.addAll(syncRows(pg, h2));
              }
            }
          }
          if (isMain && releaseByScale.containsKey(n)) {
            mainRows.add(
                releaseRow(
                    "release",
                    String.format(Locale.ROOT, "Release, %,d models", n),
                    releaseByScale.get(n),
                    "publisher.jar release of the next version (validation, diff against the"
                        + " previous release, deterministic archive, signed metadata), JVM start"
                        + " included, against tar czf of the same tree followed by sha256sum."));
            mainRows.add(
                releaseRow(
                    "release-one-percent",
                    String.format(Locale.ROOT, "Release of a 1 %% change, %,d models", n),
                    onePercentRelease,
                    "The release after that of the row above, 1 % of the models changed, against"
                        + " tar czf of the same tree followed by sha256sum."));
          }
          PublisherSite.Stage last = site.stages().get(site.stages().size() - 1);
          if (isMain && settings.runs("serving")) {
            settings.say("Serving timestamp.json: publisher against nginx");
            mainRows.addAll(ServingThroughput.measure(settings, last.repository(), site.keys()));
          }
          if (isMain && settings.runs("startup")) {
            settings.say("Start-up times");
            mainRows.addAll(StartupTimes.measure(settings, last.repository()));
          }
        } finally {
          sync.close();
        }
      }
    }
    report.addAll(mainRows);
    if (settings.runs("fleet")) {
      settings.say("Fleet: site reports and statistics on the publisher");
      report.addAll(FleetBench.measure(settings, jobs));
    }
    if (settings.runs("polling")) {
      settings.say("Polling: %d consumers at once against the publisher", PollingBench.POLLERS);
      report.add(PollingBench.measure(settings, jobs));
    }
    if (settings.runs("memory")) {
      settings.say("200 MB release, consumer heap capped at 128 MB");
      MemoryBench.Figures memory = MemoryBench.measure(settings, jobs);
      report.add(defaultsMemoryRow(memory.defaults()));
      report.add(memoryRow(memory));
    }
    scalingRows(syncByScale, releaseByScale);
  }

  /**
   * A full sync against both floors on both databases; ids of scales other than the main one end in
   * their number of models.
   */
  private List<Row> floorRows(
      int n, boolean isMain, SyncBench.Figures pg, SyncBench.Figures h2, String data) {
    String models = String.format(Locale.ROOT, "%,d", n);
    String id = isMain ? "" : "-" + n;
    List<Row> rows = new ArrayList<>();
    rows.add(
        Row.atMost(
            "sync-full-postgresql" + id,
            "Full sync, " + models + " models, PostgreSQL",
            pg.full(),
            pg.floor(),
            1.5,
            String.format(
                Locale.ROOT,
                "Full sync: HTTPS download from publisher.jar serve, TUF verification, unpacking,"
                    + " YAML parsing and validation, import of a release in which every model"
                    + " changed, conflict detection against %,d child models (%d conflicts stored);"
                    + " %s. Same-schema floor: reading, hashing, gunzipping and untarring the same"
                    + " archive (%s) plus COPY of the same rows into the same schema, keys and"
                    + " indexes included (%s).",
                Math.min(SyncBench.CHILDREN, n / 2),
                pg.conflicts(),
                data,
                pg.floorRead().shown(),
                pg.floorWrite().shown())));
    rows.add(
        Row.atMost(
            "sync-full-raw-postgresql" + id,
            "Full sync against the raw floor, " + models + " models, PostgreSQL",
            pg.full(),
            pg.rawFloor(),
            3.0,
            String.format(
                Locale.ROOT,
                "Raw floor: the same reading (%s) plus COPY of the same rows into tables of the"
                    + " same columns without keys or indexes (%s).",
                pg.floorRead().shown(),
                pg.rawFloorWrite().shown())));
    rows.add(
        Row.atMost(
            "sync-full-h2" + id,
            "Full sync, " + models + " models, H2",
            h2.full(),
            h2.floor(),
            1.5,
            String.format(
                Locale.ROOT,
                "As above on the embedded H2 database (%d conflicts stored); same-schema floor: the"
                    + " same reading (%s) plus batched inserts of the same rows (%s), H2 having no"
                    + " COPY.",
                h2.conflicts(),
                h2.floorRead().shown(),
                h2.floorWrite().shown())));
    rows.add(
        Row.atMost(
            "sync-full-raw-h2" + id,
            "Full sync against the raw floor, " + models + " models, H2",
            h2.full(),
            h2.rawFloor(),
            3.0,
            String.format(
                Locale.ROOT,
                "Raw floor: the same reading (%s) plus batched inserts of the same rows into tables"
                    + " without keys or indexes (%s).",
                h2.floorRead().shown(),
                h2.rawFloorWrite().shown())));
    return rows;
  }

  /** The main scale's rows besides the full sync: a 1 % change and an unchanged poll. */
  private List<Row> syncRows(SyncBench.Figures pg, SyncBench.Figures h2) {
    List<Row> rows = new ArrayList<>();
    rows.add(
        Row.atMost(
            "sync-one-percent-postgresql",
            "Sync of a 1 % change, PostgreSQL",
            pg.onePercent(),
            pg.full(),
            0.2,
            "The next release, 1 % of the models changed, against the full sync above."));
    rows.add(
        Row.atMost(
            "sync-one-percent-h2",
            "Sync of a 1 % change, H2",
            h2.onePercent(),
            h2.full(),
            0.2,
            "As above, on H2."));
    boolean oneRequest = pg.pollRequests().max() == 1 && pg.pollNotModified().min() == 1;
    rows.add(
        Row.absolute(
            "poll-requests",
            "Unchanged poll: requests",
            pg.pollRequests(),
            "1, answered 304",
            oneRequest,
            "Requests counted by the publisher's /prometheus counters, by status; "
                + pg.pollNotModified().shown()
                + "."));
    rows.add(
        Row.absolute(
            "poll-bytes",
            "Unchanged poll: bytes on the wire",
            pg.pollWireBytes(),
            "< 1 KB",
            pg.pollWireBytes().median() < 1024,
            "Both directions, TLS included, counted by a relay between consumer and publisher;"
                + " the connection of the previous sync is reused ("
                + pg.pollConnections().shown()
                + ")."));
    rows.add(
        Row.absolute(
            "poll-cpu",
            "Unchanged poll: consumer CPU",
            pg.pollCpuMs(),
            "< 2 ms",
            pg.pollCpuMs().median() < 2,
            "CPU time of the consumer's whole process (all threads) over 500 unchanged polls in a"
                + " row, divided by 500, once the JIT compiler is done with the poll's code (it"
                + " idles through 500 polls), the relay counting bytes included; the bench's log"
                + " gives the first 500 polls' figure and the compiler's time."
                + (pg.pollCpuUnsettled() == 0
                    ? ""
                    : " In "
                        + pg.pollCpuUnsettled()
                        + " run(s) the compiler was still at work after 90 s of polling: their"
                        + " figure is that of the last 500 polls.")));
    for (String command : CommandTimes.COMMANDS) {
      rows.add(commandRow(command, "PostgreSQL", pg));
      rows.add(commandRow(command, "H2", h2));
    }
    return rows;
  }

  private static Row commandRow(String command, String database, SyncBench.Figures figures) {
    Figure seconds = figures.commands().get(command);
    return Row.absolute(
        "startup-" + command + "-" + database.toLowerCase(Locale.ROOT),
        "Start-up: alize-consumer " + command + ", " + database,
        seconds,
        "< 1 s",
        seconds.median() < CommandTimes.GOAL_SECONDS,
        "A new process started through the package's launcher (with the class-data archive the"
            + " build made) on the database the syncs above filled ("
            + figures.conflicts()
            + " conflicts), while that sync's process still holds it, as serve would; wall clock"
            + " to its exit, output included.");
  }

  private Row releaseRow(String id, String measure, ReleaseBench.Figures release, String note) {
    return Row.atMost(id, measure, release.release(), release.tarAndHash(), 2.0, note);
  }

  private Row defaultsMemoryRow(Jobs.Done sync) {
    boolean ok = sync.exit() == 0;
    return Row.absolute(
        "memory-defaults",
        String.format(
            Locale.ROOT,
            "%,d-model release, packaged defaults: resident memory",
            MemoryBench.DEFAULTS_MODELS),
        Figure.once(sync.peakRssMb(), "MB"),
        "succeeds, < 512 MB",
        ok && sync.peakRssMb() < 512,
        String.format(
            Locale.ROOT,
            "alize-consumer sync --once through the package's launcher, no option, into the"
                + " default database (H2): the first sync of a site; exit %d in %.1f s%s",
            sync.exit(),
            sync.seconds(),
            ok ? "." : ": " + Jobs.tail(sync.err() + "\n" + sync.out(), 3).replace('\n', ' ')));
  }

  private Row memoryRow(MemoryBench.Figures m) {
    Jobs.Done sync = m.sync();
    boolean ok = sync.exit() == 0;
    String note =
        String.format(
            Locale.ROOT,
            "consumer.jar sync --once with %s into PostgreSQL: a release of %,d models, %,.0f MB"
                + " unpacked, %,.0f MB compressed; exit %d in %.1f s%s",
            m.heap(),
            m.models(),
            m.unpackedBytes() / 1048576.0,
            m.archiveBytes() / 1048576.0,
            sync.exit(),
            sync.seconds(),
            ok ? "." : ": " + Jobs.tail(sync.err() + "\n" + sync.out(), 3).replace('\n', ' '));
    return Row.absolute(
        "memory",
        "200 MB release, heap capped at 128 MB: resident memory",
        Figure.once(sync.peakRssMb(), "MB"),
        "succeeds, < 400 MB",
        ok && sync.peakRssMb() < 400,
        note);
  }

  private void scalingRows(
      Map<Integer, SyncBench.Figures> sync, Map<Integer, ReleaseBench.Figures> release) {
    for (var e : sync.entrySet()) {
      int n = e.getKey();
      report.add(
          Row.info(
              "sync-per-model-" + n,
              String.format(Locale.ROOT, "Full sync per model, %,d models", n),
              perModel(e.getValue().full(), n),
              perModel(e.getValue().floor(), n),
              "PostgreSQL; the same-schema floor per model beside it."));
    }
    for (var e : release.entrySet()) {
      int n = e.getKey();
      report.add(
          Row.info(
              "release-per-model-" + n,
              String.format(Locale.ROOT, "Release per model, %,d models", n),
              perModel(e.getValue().release(), n),
              perModel(e.getValue().tarAndHash(), n),
              "tar czf + sha256sum per model beside it."));
    }
    growth(
        "sync-growth",
        "Full sync",
        sync.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue().full())).toList());
    growth(
        "release-growth",
        "Release",
        release.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue().release()))
            .toList());
  }

  /** The cost per model at the largest scale against the smallest: flat is 1×. */
  private void growth(String id, String what, List<Map.Entry<Integer, Figure>> figures) {
    if (figures.size() < 2) {
      return;
    }
    var sorted = figures.stream().sorted(Comparator.comparing(Map.Entry::getKey)).toList();
    var small = sorted.get(0);
    var large = sorted.get(sorted.size() - 1);
    report.add(
        Row.atMost(
            id,
            String.format(
                Locale.ROOT,
                "%s per model, %,d against %,d models",
                what,
                large.getKey(),
                small.getKey()),
            perModel(large.getValue(), large.getKey()),
            perModel(small.getValue(), small.getKey()),
            1.5,
            "The cost per model should stay flat as the datasource grows."));
  }

  private static Figure perModel(Figure f, int n) {
    double k = 1000.0 / n;
    return new Figure(f.median() * k, f.min() * k, f.max() * k, "ms/model", f.runs());
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
