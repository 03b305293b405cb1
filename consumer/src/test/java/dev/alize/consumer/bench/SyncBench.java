package dev.alize.consumer.bench;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.version.Bump;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.fetch.Fetcher;
import dev.alize.consumer.fetch.FetcherSettings;
import dev.alize.consumer.fetch.HttpFetcher;
import dev.alize.consumer.fetch.PinnedTrust;
import dev.alize.consumer.importer.DatabaseImporter;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.persistence.OpenDatabase;
import dev.alize.consumer.persistence.TestDatabases;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncLine;
import dev.alize.consumer.sync.SyncService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer's side, in this process as {@code consumer serve} runs it (one sync service, its
 * fetcher kept between polls): a full sync of a release in which every model changed, a sync of one
 * in which 1 % changed, and an unchanged poll; each iteration on a brand-new database holding the
 * first release and the child models, with the floor measured in the same iteration.
 */
final class SyncBench {

  static final int CHILDREN = 1000;

  private static final Pattern REQUESTS =
      Pattern.compile("(?m)^alize_publisher_requests_total\\{([^}]*)\\}\\s+([0-9.eE+]+)$");
  private static final Pattern STATUS = Pattern.compile("status=\"(\\d+)\"");

  /** What one database kind and scale gave. */
  record Figures(
      Figure full,
      Figure floor,
      Figure floorRead,
      Figure floorWrite,
      Figure rawFloor,
      Figure rawFloorWrite,
      Figure onePercent,
      Figure pollRequests,
      Figure pollNotModified,
      Figure pollWireBytes,
      Figure pollCpuMs,
      int pollCpuUnsettled,
      Figure pollConnections,
      Map<String, Figure> commands,
      int conflicts) {}

  private final BenchSettings settings;
  private final PublisherSite site;
  private final List<URI> urls;
  private final CountingProxy proxy;
  private final HttpClient metrics;

  /**
   * @param urls the servers of the site's stages: the first release, the release in which every
   *     model changed, and (optionally) the release in which 1 % changed
   */
  SyncBench(BenchSettings settings, PublisherSite site, List<URI> urls)
      throws IOException, GeneralSecurityException {
    this.settings = settings;
    this.site = site;
    this.urls = urls;
    URI last = urls.get(urls.size() - 1);
    this.proxy = CountingProxy.start(last.getHost(), last.getPort());
    this.metrics = HttpClient.newBuilder().sslContext(PinnedTrust.of(site.certificate())).build();
    if (settings.runs("sync")) {
      try {
        site.warm(metrics);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the publishers were warmed", e);
      }
    }
  }

  /** Runs {@code warmups + runs} iterations on {@code kind}; the figures are of the runs. */
  Figures measure(TestDatabases.Kind kind, BenchDatasource.Shape shape, int warmups, int runs)
      throws Exception {
    List<Double> full = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    List<Double> floorRead = new ArrayList<>();
    List<Double> floorWrite = new ArrayList<>();
    List<Double> rawFloor = new ArrayList<>();
    List<Double> rawFloorWrite = new ArrayList<>();
    List<Double> one = new ArrayList<>();
    List<Double> requests = new ArrayList<>();
    List<Double> notModified = new ArrayList<>();
    List<Double> bytes = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    int unsettled = 0;
    List<Double> connections = new ArrayList<>();
    Map<String, List<Double>> commands = new LinkedHashMap<>();
    int conflicts = 0;
    for (int i = 0; i < warmups + runs; i++) {
      boolean counted = i >= warmups;
      String what = (counted ? "run " + (i - warmups + 1) + "/" + runs : "warm-up") + " " + kind;
      Iteration it = iteration(kind, shape, what);
      if (counted) {
        full.add(it.full);
        floorRead.add(it.floor.read());
        floorWrite.add(it.floor.write());
        floor.add(it.floor.sameSchema());
        rawFloorWrite.add(it.floor.rawWrite());
        rawFloor.add(it.floor.raw());
        one.add(it.onePercent);
        requests.addAll(it.poll.stream().map(p -> p.requests).toList());
        notModified.addAll(it.poll.stream().map(p -> p.notModified).toList());
        bytes.addAll(it.poll.stream().map(p -> p.wireBytes).toList());
        cpu.add(it.pollCpu.ms());
        unsettled += it.pollCpu.settled() ? 0 : 1;
        connections.addAll(it.poll.stream().map(p -> p.connections).toList());
        it.commands.forEach((c, t) -> commands.computeIfAbsent(c, k -> new ArrayList<>()).add(t));
        conflicts = it.conflicts;
      }
    }
    Map<String, Figure> commandFigures = new LinkedHashMap<>();
    commands.forEach((c, t) -> commandFigures.put(c, Figure.of(t, "s")));
    return new Figures(
        Figure.of(full, "s"),
        Figure.of(floor, "s"),
        Figure.of(floorRead, "s"),
        Figure.of(floorWrite, "s"),
        Figure.of(rawFloor, "s"),
        Figure.of(rawFloorWrite, "s"),
        one.stream().anyMatch(d -> !d.isNaN()) ? Figure.of(one, "s") : null,
        Figure.of(requests, "requests"),
        Figure.of(notModified, "answered 304"),
        Figure.of(bytes, "B"),
        Figure.of(cpu, "ms"),
        unsettled,
        Figure.of(connections, "new connections"),
        commandFigures,
        conflicts);
  }

  private record Poll(double requests, double notModified, double wireBytes, double connections) {}

  private record Iteration(
      double full,
      Floor.Times floor,
      double onePercent,
      List<Poll> poll,
      PollCpu pollCpu,
      Map<String, Double> commands,
      int conflicts) {}

  private Iteration iteration(TestDatabases.Kind kind, BenchDatasource.Shape shape, String what)
      throws Exception {
    int models = shape.models();
    DatabaseSettings db = TestDatabases.fresh(kind);
    Path dataDir = Files.createTempDirectory(settings.work(), "consumer-");
    Map<URI, Fetcher> fetchers = new ConcurrentHashMap<>();
    Clock clock = Clock.systemUTC();
    Map<String, Long> steps = new LinkedHashMap<>();
    DatabaseImporter.Steps timed = (datasource, step) -> steps.put(step, System.nanoTime());
    try (OpenDatabase opened = OpenDatabase.open(db, dataDir, clock, timed)) {
      Database database = opened.database();
      DatabaseImporter importer = opened.bean(DatabaseImporter.class);
      AdminService admin = opened.bean(AdminService.class);
      SyncService sync =
          new SyncService(
              new StatusStore(new DataFolder(dataDir)),
              s -> fetchers.computeIfAbsent(s.url(), u -> fetcher()),
              importer,
              clock,
              MetadataLimits.DEFAULT,
              () -> "benchmark-site",
              repository -> {});
      expect(sync.sync(subscription(urls.get(0))), "1.0.0");
      int children = createChildren(admin, shape);
      steps.clear();
      long t0 = System.nanoTime();
      List<SyncLine> fullLines = sync.sync(subscription(urls.get(1)));
      long t1 = System.nanoTime();
      double full = (t1 - t0) / 1e9;
      expect(fullLines, "2.0.0");
      settings.say("  %s, full sync: %s", what, phases(t0, steps, t1));
      Floor.Captured captured = Floor.capture(database, site.stages().get(1).archive(), kind);
      double onePercent = Double.NaN;
      URI last = proxy.url(urls.get(urls.size() - 1));
      if (urls.size() > 2) {
        steps.clear();
        t0 = System.nanoTime();
        List<SyncLine> lines = sync.sync(subscription(last));
        t1 = System.nanoTime();
        onePercent = (t1 - t0) / 1e9;
        expect(lines, "2.1.0");
        settings.say("  %s, 1%% sync: %s", what, phases(t0, steps, t1));
      } else {
        expect(sync.sync(subscription(last)), null);
      }
      List<Poll> polls = new ArrayList<>();
      for (int p = 0; p < 5; p++) {
        polls.add(poll(sync, subscription(last)));
      }
      PollCpu pollCpu = pollCpu(sync, subscription(last), what);
      Map<String, Double> commands = CommandTimes.once(settings, db, dataDir, site.trustedRoot());
      int conflicts = admin.conflicts(ConflictStore.Status.ALL).size();
      Floor.Times floor = captured.measure();
      settings.say(
          "  %s, %,d models: full sync %.2f s (floor %.2f s read + %.2f s write, raw floor %.2f s"
              + " write)%s; %d children, %d conflicts",
          what,
          models,
          full,
          floor.read(),
          floor.write(),
          floor.rawWrite(),
          Double.isNaN(onePercent) ? "" : String.format("; 1%% sync %.2f s", onePercent),
          children,
          conflicts);
      settings.say("  %s, commands: %s", what, commands);
      return new Iteration(full, floor, onePercent, polls, pollCpu, commands, conflicts);
    }
  }

  /** Where a sync's time went: each interval named by the import step that ended it. */
  private static String phases(long start, Map<String, Long> steps, long end) {
    StringBuilder b = new StringBuilder();
    long previous = start;
    for (var e : steps.entrySet()) {
      String name = e.getKey().equals("started") ? "download and verification" : e.getKey();
      b.append(String.format(Locale.ROOT, "%s %.2f s, ", name, (e.getValue() - previous) / 1e9));
      previous = e.getValue();
    }
    return b.append(String.format(Locale.ROOT, "then %.2f s", (end - previous) / 1e9)).toString();
  }

  /**
   * The consumer's CPU time per unchanged poll, all threads of this process, over {@link #WINDOW}
   * polls in a row (the process's CPU clock ticks in steps of several milliseconds, too coarse for
   * one poll), once the JIT compiler is done with the poll's code: {@code serve} polls for months,
   * and compiling its code once is not the cost of each poll. It polls by windows of {@link
   * #WINDOW} until the compiler idles through one (under a millisecond, the finest its clock
   * tells), for at most {@link #WARMING}; the first window's CPU and the compiler's time are told
   * beside the figure.
   */
  private PollCpu pollCpu(SyncService sync, Subscription subscription, String what) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var compilation = ManagementFactory.getCompilationMXBean();
    long compile0 = compilation.getTotalCompilationTime();
    long start = System.nanoTime();
    double first = Double.NaN;
    double last;
    long compiled;
    int windows = 0;
    do {
      long before = compilation.getTotalCompilationTime();
      long cpu0 = os.getProcessCpuTime();
      for (int i = 0; i < WINDOW; i++) {
        expect(sync.sync(subscription), null);
      }
      last = (os.getProcessCpuTime() - cpu0) / 1e6 / WINDOW;
      compiled = compilation.getTotalCompilationTime() - before;
      first = windows++ == 0 ? last : first;
    } while (compiled > 0 && System.nanoTime() - start < WARMING.toNanos());
    settings.say(
        "  %s, unchanged poll: %.2f ms of CPU a poll over the last %d of %,d polls in a row"
            + " (%s); the first %d took %.2f ms a poll; the JIT compiler worked %,d ms meanwhile",
        what,
        last,
        WINDOW,
        windows * WINDOW,
        compiled == 0 ? "compiler idle" : "still compiling after " + WARMING.toSeconds() + " s",
        WINDOW,
        first,
        compilation.getTotalCompilationTime() - compile0);
    return new PollCpu(last, compiled == 0);
  }

  /** The CPU of a poll, and whether the compiler was idle then. */
  private record PollCpu(double ms, boolean settled) {}

  private static final int WINDOW = 500;
  private static final Duration WARMING = Duration.ofSeconds(90);

  private Poll poll(SyncService sync, Subscription subscription) throws Exception {
    Map<String, Double> before = requestCounts();
    CountingProxy.Counts wireBefore = proxy.counts();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    List<SyncLine> lines = sync.sync(subscription);
    long cpu1 = os.getProcessCpuTime();
    CountingProxy.Counts wireAfter = proxy.counts();
    Map<String, Double> after = requestCounts();
    if (lines.stream().anyMatch(l -> l.outcome() != SyncLine.Outcome.UP_TO_DATE)) {
      throw new IllegalStateException("an unchanged poll was not up to date: " + lines);
    }
    double total = 0;
    double notModified = 0;
    for (var e : after.entrySet()) {
      double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      total += d;
      if (e.getKey().equals("304")) {
        notModified += d;
      }
    }
    return new Poll(
        total,
        notModified,
        wireAfter.bytes() - wireBefore.bytes(),
        wireAfter.connections() - wireBefore.connections());
  }

  /** The last stage's publisher's request counters, by status. */
  private Map<String, Double> requestCounts() throws IOException, InterruptedException {
    URI url = urls.get(urls.size() - 1).resolve("/prometheus");
    String body =
        metrics
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> counts = new TreeMap<>();
    Matcher m = REQUESTS.matcher(body);
    while (m.find()) {
      Matcher status = STATUS.matcher(m.group(1));
      if (status.find()) {
        counts.merge(status.group(1), Double.parseDouble(m.group(2)), Double::sum);
      }
    }
    return counts;
  }

  private int createChildren(AdminService admin, BenchDatasource.Shape shape) {
    int models = shape.models();
    int children = Math.min(CHILDREN, models / 2);
    for (int k = 0; k < children; k++) {
      int i = (int) ((long) k * models / children);
      admin.createChild(
          new ChildDraft(
              "child-" + k,
              new ModelRef(
                  BenchDatasource.NAME, BenchDatasource.release(i, models), shape.modelName(i)),
              shape.childValues(i, k),
              null,
              null,
              "Local variant " + k),
          "bench");
    }
    return children;
  }

  private Fetcher fetcher() {
    try {
      return new HttpFetcher(FetcherSettings.DEFAULT, PinnedTrust.of(site.certificate()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + site.certificate(), e);
    }
  }

  private Subscription subscription(URI url) {
    return new Subscription(
        "bench",
        url,
        List.of(),
        site.trustedRoot(),
        site.certificate(),
        Channel.STABLE,
        List.of(BenchDatasource.NAME),
        Bump.MAJOR,
        Duration.ofHours(1),
        false,
        RolloutMode.PHASED,
        null,
        Duration.ofDays(3));
  }

  /** Checks that a sync imported {@code version}, or changed nothing when it is null. */
  private static void expect(List<SyncLine> lines, String version) {
    boolean ok =
        version == null
            ? lines.stream().allMatch(l -> l.outcome() == SyncLine.Outcome.UP_TO_DATE)
            : lines.stream()
                .anyMatch(
                    l -> l.outcome() == SyncLine.Outcome.UPDATED && l.text().contains(version));
    if (!ok) {
      throw new IllegalStateException(
          "expected " + (version == null ? "no change" : "an update to " + version) + ": " + lines);
    }
  }

  void close() {
    proxy.close();
  }
}
