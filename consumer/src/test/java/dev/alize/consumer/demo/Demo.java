package dev.alize.consumer.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.consumer.demo.Processes.Pending;
import dev.alize.consumer.demo.Processes.Result;
import dev.alize.consumer.demo.Processes.Server;
import dev.alize.consumer.fetch.PinnedTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The one-command demo ({@code ./mvnw -B -q -Pdemo verify}): the whole chain with real processes,
 * real HTTPS and real signatures, in a fresh temporary folder.
 *
 * <ol>
 *   <li>{@code publisher init}: keys and a signed repository; {@code datasources/eole} and {@code
 *       datasources/acme-monitoring} released to {@code stable};
 *   <li>{@code publisher serve} over HTTPS on a free port;
 *   <li>{@code consumer serve} with its embedded H2 database and admin API: its first scheduled
 *       sync imports both datasources; {@code consumer child create} derives {@value #CHILD} from
 *       {@value #PARENT}, overriding {@value #REMOVED} and {@value #CHANGED};
 *   <li>eole {@value #NEXT}, without {@value #REMOVED} and with another default for {@value
 *       #CHANGED}, released to {@code testing} (a sync shows the consumer ignores it) and promoted
 *       to {@code stable};
 *   <li>a sync through the admin API holds the MAJOR release; {@code consumer preview}, an approval
 *       through the API, and a sync that imports it: the blocking {@code variable-removed} and the
 *       warning {@code default-changed} conflicts, and the notification, logged and POSTed to a
 *       webhook of the demo that checks its signature;
 *   <li>a summary with the URLs and the commands to look further.
 * </ol>
 *
 * <p>Every step is checked. Interactive by default: both servers then keep running until Ctrl-C.
 * With the environment variable {@value #NONINTERACTIVE} set (to anything but {@code 0}, {@code
 * false} or {@code no}), it stops them after the summary and exits 0 only if every step did what it
 * says. A failure prints what was expected, what came and the log files, never a stack trace, and
 * keeps the folder for diagnosis.
 */
public final class Demo {

  /** The environment variable that makes the demo stop after its summary. */
  public static final String NONINTERACTIVE = "ALIZE_DEMO_NONINTERACTIVE";

  /** Printed in the summary when every step was checked. */
  static final String ALL_CHECKED = "every step did what it says";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPOSITORY = "upstream";
  private static final String ADMIN = "demo";
  private static final String FIRST = "1.0.0";
  private static final String NEXT = "2.0.0";
  private static final String PARENT = "eole/2.9.0/amon";
  private static final String CHILD = "amon-dijon";
  private static final String REMOVED = "filter_port";
  private static final String REMOVED_OVERRIDE = "8081";
  private static final String CHANGED = "proxy_cache_mb";
  private static final String CHANGED_OVERRIDE = "6000";

  /** Where eole 2.0.0 differs from the sample: filter_port removed, proxy_cache_mb 4000 -> 8000. */
  private static final String PROXY = "services/2.9.0/eole-proxy.yaml";

  private static final String PROXY_REMOVED =
      "  filter_port:\n"
          + "    type: port\n"
          + "    default: 8080\n"
          + "    description: Port on which E2guardian listens.\n";
  private static final String PROXY_CHANGED = "    max: 100000\n    default: 4000\n";
  private static final String PROXY_CHANGED_TO = "    max: 100000\n    default: 8000\n";

  private static final Duration SERVER_START = Duration.ofSeconds(90);
  private static final Duration FIRST_SYNC = Duration.ofSeconds(60);
  private static final Duration NOTIFICATION = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private static final Pattern SERVING = Pattern.compile("on (https://127\\.0\\.0\\.1:\\d+/)");
  private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 fingerprint: (\\S+)");
  private static final Pattern API = Pattern.compile("admin API on (http://\\S+/api/v1)");
  private static final Pattern TOKEN = Pattern.compile("(?m)^token: (\\S+)$");
  private static final Pattern TOKEN_LINE =
      Pattern.compile("(?m)^(alize\\.consumer\\.api\\.admins\\.[a-z0-9-]+\\.token-sha256: \\S+)$");
  private static final Pattern MODELS_ADDED = Pattern.compile("models added (\\d+)");
  private static final Pattern ENROLMENT_TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  /** The release of step 6, rolled out to half of the sites. */
  private static final String ROLLED_OUT = "1.1.0";

  private final PrintStream out;
  private final boolean interactive;
  private final Path root;
  private final Path cwd;
  private final Path publisherJar;
  private final Path consumerJar;
  private final Path work;
  private final Path logs;
  private final Processes processes;
  private final long started = System.nanoTime();
  private final List<String> summary = new ArrayList<>();
  private final HttpClient apiClient =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private volatile boolean stopping;
  private boolean failed;
  private boolean cleaned;

  // What the steps learn, for the next ones and the summary.
  private Path repo;
  private Path keys;
  private Path certificate;
  private int eoleModels;
  private int acmeModels;
  private URI publisherUrl;
  private Pending newToken;
  private String token;
  private WebhookReceiver webhook;
  private String webhookSecret;
  private Path config;
  private Path publisherConfig;
  private Server consumer;
  private URI apiUrl;

  private Demo(PrintStream out, boolean interactive, Path root, Path cwd, Path work) {
    this.out = out;
    this.interactive = interactive;
    this.root = root;
    this.cwd = cwd;
    this.publisherJar = root.resolve("publisher/target/publisher.jar");
    this.consumerJar = root.resolve("consumer/target/consumer.jar");
    this.work = work;
    this.logs = work.resolve("logs");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    this.processes = new Processes(java, logs, root);
  }

  public static void main(String[] args) {
    int code;
    try {
      code = run(System.out, !isSet(System.getenv(NONINTERACTIVE)));
    } catch (Throwable e) {
      // Never a stack trace: a bug of the demo itself, said in one line.
      System.out.println("demo: unexpected error: " + e);
      code = 1;
    }
    System.exit(code);
  }

  /** Runs the demo; returns the exit code. */
  static int run(PrintStream out, boolean interactive) {
    Path cwd = Path.of("").toAbsolutePath();
    Path root;
    Path work;
    try {
      root = findRoot(cwd);
      requireJar(root, "publisher");
      requireJar(root, "consumer");
      work = createWorkFolder();
    } catch (DemoFailure e) {
      out.println("demo: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      out.println("demo: cannot create a temporary folder: " + e);
      return 1;
    }
    Demo demo = new Demo(out, interactive, root, cwd, work);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::onShutdown, "alize-demo-stop"));
    // Maven shares its terminal with the demo rather than relaying its output, so that the last
    // lines still show after Ctrl-C; but then it does not stop the demo when it is stopped alone.
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(demo::onParentExit));
    return demo.run();
  }

  private int run() {
    out.println(
        "Alizé demo: a publisher and a consumer, real processes, real HTTPS, real signatures");
    out.println("Working folder: " + work + " (deleted at the end, kept if a step fails)");
    try {
      publishStep();
      serveStep();
      consumeStep();
      releaseStep();
      syncStep();
      rolloutStep();
    } catch (DemoFailure e) {
      return fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(new DemoFailure("interrupted"));
    } catch (IOException | RuntimeException e) {
      return fail(unexpected(e));
    }
    printSummary();
    out.println();
    if (!interactive) {
      out.println(NONINTERACTIVE + " is set: stopping both servers.");
      cleanup();
      return 0;
    }
    out.println("Both servers keep running: press Ctrl-C to stop them.");
    return waitForCtrlC();
  }

  // ---- 1. keys, repository, releases ----

  private void publishStep() throws IOException, InterruptedException {
    long t = step(1, "Publisher: keys, a signed repository, two datasources released to stable");
    repo = work.resolve("publisher/repo");
    keys = work.resolve("publisher/keys");
    Result init = ok(publisher("publisher init", "init", "--repo", repo, "--keys", keys));
    long roles =
        Stream.of("root", "targets", "snapshot", "timestamp")
            .filter(r -> init.out().lines().anyMatch(l -> l.trim().startsWith(r + " ")))
            .count();
    check(
        init,
        roles == 4 && Files.isRegularFile(repo.resolve("metadata/1.root.json")),
        "a key for each of root, targets, snapshot and timestamp, and metadata/1.root.json");
    detail(
        "keys for root, targets, snapshot and timestamp in %s/, a signed repository in %s/",
        local(keys), local(repo));
    eoleModels = releaseFirst("eole");
    acmeModels = releaseFirst("acme-monitoring");
    detail(
        "released eole %s (%d models) and acme-monitoring %s (%d models) to stable",
        FIRST, eoleModels, FIRST, acmeModels);
    done(
        t,
        "keys generated, repository initialised, eole %s and acme-monitoring %s released to"
            + " stable",
        FIRST,
        FIRST);
  }

  private int releaseFirst(String name) throws IOException, InterruptedException {
    Result r =
        ok(
            publisher(
                "publisher release " + name,
                "release",
                root.resolve("datasources").resolve(name),
                "--repo",
                repo,
                "--keys",
                keys,
                "--version",
                FIRST,
                "--channel",
                "stable",
                "--notes",
                "First release"));
    String expected = "released " + name + " " + FIRST + " to stable";
    Matcher added = MODELS_ADDED.matcher(r.out());
    check(r, r.out().startsWith(expected) && added.find(), expected + ", with the models added");
    return Integer.parseInt(added.group(1));
  }

  // ---- 2. publisher serve ----

  private void serveStep() throws IOException, InterruptedException {
    long t = step(2, "Publisher: serving the signed repository over HTTPS on a free local port");
    // Its fleet database, where sites enrol and report (step 6), beside the repository.
    publisherConfig = work.resolve("publisher/publisher.yml");
    Files.writeString(publisherConfig, "alize:\n  publisher:\n    data-dir: fleet\n");
    Server server =
        processes.serve(
            "publisher-serve",
            publisherJar,
            "serve",
            "--repo",
            repo,
            "--keys",
            keys,
            "--port",
            0,
            "--config",
            publisherConfig);
    // While the server starts: the consumer admin's token, for step 3.
    newToken = processes.begin("consumer new-token", consumerJar, "new-token", ADMIN);
    publisherUrl =
        URI.create(server.await(SERVING, SERVER_START, "'Serving ... on https://...'").group(1));
    Matcher fingerprint = FINGERPRINT.matcher(server.out());
    certificate = keys.resolve("tls/server.crt.pem");
    expect(
        fingerprint.find() && Files.isRegularFile(certificate),
        "publisher serve",
        "a certificate generated in " + certificate + ", and its fingerprint",
        server.out(),
        server.logs());
    HttpClient pinned =
        HttpClient.newBuilder()
            .sslContext(pinned(certificate))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    URI datasources = publisherUrl.resolve("/api/v1/datasources");
    HttpResponse<String> listed = get(pinned, datasources);
    expect(
        listed.statusCode() == 200
            && listed.body().contains("\"eole\"")
            && listed.body().contains("\"acme-monitoring\""),
        "GET " + datasources + ", the certificate pinned",
        "200 with eole and acme-monitoring",
        listed.statusCode() + " " + listed.body(),
        server.logs());
    detail(
        "%s, with a self-signed certificate (SHA-256 %s) that the consumer pins",
        publisherUrl, abbreviate(fingerprint.group(1)));
    done(t, "publisher serving the signed repository on %s", publisherUrl);
  }

  // ---- 3. consumer serve, first sync, child model ----

  private void consumeStep() throws IOException, InterruptedException {
    long t =
        step(3, "Consumer: embedded H2 database, first sync of both datasources, a child model");
    Result made = ok(newToken.await());
    Matcher tokenMatch = TOKEN.matcher(made.out());
    Matcher line = TOKEN_LINE.matcher(made.out());
    check(made, tokenMatch.find() && line.find(), "'token: ...' and the configuration line");
    token = tokenMatch.group(1);
    webhookSecret = randomSecret();
    webhook = WebhookReceiver.start(webhookSecret, work.resolve("notifications"));
    int apiPort = freePort();
    config = writeConfig(apiPort, line.group(1));
    consumer = processes.serve("consumer-serve", consumerJar, "serve", "--config", config);
    apiUrl = URI.create(consumer.await(API, SERVER_START, "'admin API on http://...'").group(1));
    expect(
        apiUrl.getPort() == apiPort,
        "consumer serve",
        "the admin API on port " + apiPort + ", as " + config + " says",
        consumer.out(),
        consumer.logs());
    firstSync("eole", eoleModels);
    firstSync("acme-monitoring", acmeModels);
    consoleSignIn();
    detail(
        "consumer serve: admin API on %s; its first sync imported eole %s and acme-monitoring %s",
        apiUrl, FIRST, FIRST);
    Result child =
        ok(
            consumerCli(
                "consumer child create",
                "child",
                "create",
                CHILD,
                "--parent",
                PARENT,
                "--set",
                REMOVED + "=" + REMOVED_OVERRIDE,
                "--set",
                CHANGED + "=" + CHANGED_OVERRIDE,
                "--config",
                config));
    String created = "created child model " + CHILD + " of " + PARENT;
    check(child, child.out().startsWith(created), created);
    detail(
        "consumer child create: %s of %s, overriding %s=%s and %s=%s",
        CHILD, PARENT, REMOVED, REMOVED_OVERRIDE, CHANGED, CHANGED_OVERRIDE);
    done(
        t,
        "consumer synced eole %s (%d models) and acme-monitoring %s (%d models) into H2; %s"
            + " derived from %s, overriding %s and %s",
        FIRST,
        eoleModels,
        FIRST,
        acmeModels,
        CHILD,
        PARENT,
        REMOVED,
        CHANGED);
  }

  /** Waits for the scheduled first sync's line of {@code datasource} in consumer serve's output. */
  private void firstSync(String datasource, int models) throws InterruptedException {
    String expected =
        String.format(
            "%s/%s: updated (none) -> %s: %d added, 0 changed, 0 removed, 0 unchanged",
            REPOSITORY, datasource, FIRST, models);
    Pattern line =
        Pattern.compile(
            "(?m)("
                + Pattern.quote(REPOSITORY + "/" + datasource + ": ")
                + "|"
                + Pattern.quote(REPOSITORY + ": ")
                + ").*$");
    String got = consumer.await(line, FIRST_SYNC, "the first sync of " + datasource).group();
    expect(
        got.startsWith(expected),
        "the first sync of " + datasource,
        expected,
        got,
        consumer.logs());
  }

  private Path writeConfig(int apiPort, String tokenLine) throws IOException {
    Path file = work.resolve("consumer/consumer.yml");
    Files.createDirectories(file.getParent());
    String yaml =
        String.join(
            "\n",
            "# The demo's consumer: the publisher's repository over HTTPS, its certificate pinned.",
            "alize:",
            "  consumer:",
            "    repositories:",
            "      " + REPOSITORY + ":",
            "        url: " + publisherUrl,
            "        trusted-root: " + quote(repo.resolve("metadata/1.root.json")),
            "        tls-certificate: " + quote(certificate),
            "        channel: stable",
            "        datasources: [eole, acme-monitoring]",
            "        auto-approve: minor",
            "        poll-interval: 1h",
            "    api:",
            "      port: " + apiPort,
            "    notifications:",
            "      webhook-url: " + webhook.url(),
            "      webhook-secret: " + quote(webhookSecret),
            "# From 'consumer new-token " + ADMIN + "':",
            tokenLine,
            "");
    Files.writeString(file, yaml);
    return file;
  }

  // ---- 4. the next eole release ----

  private void releaseStep() throws IOException, InterruptedException {
    long t =
        step(
            4,
            String.format(
                "Publisher: eole %s drops %s and changes %s's default; testing, then stable",
                NEXT, REMOVED, CHANGED));
    Path next = nextEole();
    Result diff = ok(publisher("publisher diff", "diff", root.resolve("datasources/eole"), next));
    check(
        diff,
        diff.out().contains("- variable 2.9.0/eole-proxy/" + REMOVED + " [MAJOR]")
            && diff.out().contains("default: 4000 -> 8000")
            && diff.out().contains("implied bump: MAJOR"),
        REMOVED + " removed, " + CHANGED + " 4000 -> 8000, implied bump: MAJOR");
    Result released =
        ok(
            publisher(
                "publisher release eole " + NEXT,
                "release",
                next,
                "--repo",
                repo,
                "--keys",
                keys,
                "--version",
                NEXT,
                "--channel",
                "testing",
                "--notes",
                "Drops " + REMOVED + "; " + CHANGED + " defaults to 8000"));
    String releasedLine = "released eole " + NEXT + " to testing";
    check(
        released,
        released.out().startsWith(releasedLine)
            && released.out().contains("changes since " + FIRST + ": MAJOR"),
        releasedLine + "; changes since " + FIRST + ": MAJOR");
    String onTesting = syncLine("eole", "a sync while " + NEXT + " is in testing");
    expect(
        onTesting.equals("up to date at " + FIRST),
        "a sync while " + NEXT + " is in testing",
        "up to date at " + FIRST + ": the consumer follows stable",
        onTesting,
        consumer.logs());
    detail(
        "publisher diff: %s removed, %s 4000 -> 8000, implied bump MAJOR; released to testing",
        REMOVED, CHANGED);
    Result promoted =
        ok(
            publisher(
                "publisher promote",
                "promote",
                "eole",
                NEXT,
                "--channel",
                "stable",
                "--repo",
                repo,
                "--keys",
                keys));
    String promotedLine = "promoted eole " + NEXT + " to stable";
    check(promoted, promoted.out().startsWith(promotedLine), promotedLine);
    Result list = ok(publisher("publisher list", "list", "--repo", repo, "--json"));
    check(list, channel(list.out(), "eole", NEXT).equals("stable"), "eole " + NEXT + " in stable");
    detail(
        "a sync leaves the consumer (on stable) at %s; publisher promote: eole %s in stable",
        FIRST, NEXT);
    done(
        t,
        "eole %s (without %s, %s 4000 -> 8000) released to testing, promoted to stable",
        NEXT,
        REMOVED,
        CHANGED);
  }

  /** A copy of datasources/eole without filter_port, and with proxy_cache_mb's default at 8000. */
  private Path nextEole() throws IOException {
    Path from = root.resolve("datasources/eole");
    Path copy = work.resolve("eole-" + NEXT + "/eole");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    Path proxy = copy.resolve(PROXY);
    String yaml = Files.readString(proxy);
    if (!yaml.contains(PROXY_REMOVED) || !yaml.contains(PROXY_CHANGED)) {
      throw new DemoFailure(
          "datasources/eole/" + PROXY + " is not what the demo's eole " + NEXT + " changes",
          "a variable " + REMOVED + " (port, default 8080), and " + CHANGED + " with default 4000",
          "a file that differs: update the demo's " + Demo.class.getSimpleName() + ".PROXY_*",
          List.of(from.resolve(PROXY)));
    }
    Files.writeString(
        proxy, yaml.replace(PROXY_REMOVED, "").replace(PROXY_CHANGED, PROXY_CHANGED_TO));
    return copy;
  }

  /** The channel of a release in {@code publisher list --json}'s answer, or empty. */
  private static String channel(String listJson, String datasource, String version) {
    try {
      JsonNode release =
          find(
              JSON.readTree(listJson).path("releases"),
              r ->
                  r.path("datasource").asText().equals(datasource)
                      && r.path("version").asText().equals(version));
      return release == null ? "" : release.path("channel").asText();
    } catch (IOException e) {
      return "";
    }
  }

  // ---- 5. the second sync ----

  private void syncStep() throws IOException, InterruptedException {
    long t = step(5, "Consumer: the second sync, its conflicts, the admins' notification");
    String held = syncLine("eole", "the sync after the promotion");
    expect(
        held.startsWith("held " + NEXT + ": MAJOR release"),
        "the sync after the promotion",
        "held " + NEXT + ": MAJOR release ... (auto-approve: minor)",
        held,
        consumer.logs());
    Result preview = ok(consumerCli("consumer preview", "preview", "eole", "--config", config));
    String blockingPreview = "new blocking variable-removed " + CHILD;
    String warningPreview = "new warning default-changed " + CHILD;
    check(
        preview,
        preview.out().contains(blockingPreview) && preview.out().contains(warningPreview),
        blockingPreview + ", and " + warningPreview);
    detail(
        "sync: eole %s held, a MAJOR release (auto-approve: minor); consumer preview: 1 blocking"
            + " and 1 warning conflict to come",
        NEXT);
    HttpResponse<String> approval =
        api("POST", "/approvals", "{\"datasource\": \"eole\", \"version\": \"" + NEXT + "\"}");
    expect(
        approval.statusCode() / 100 == 2,
        "POST " + apiUrl + "/approvals",
        "2xx",
        approval.statusCode() + " " + approval.body(),
        consumer.logs());
    String imported = syncLine("eole", "the sync after the approval");
    String importedStart = "updated " + FIRST + " -> " + NEXT + ": ";
    expect(
        imported.startsWith(importedStart)
            && imported.endsWith("conflicts: 1 blocking, 1 warning, 0 information"),
        "the sync after the approval",
        importedStart + "...; conflicts: 1 blocking, 1 warning, 0 information",
        imported,
        consumer.logs());
    detail("approved through the API; sync: eole %s", imported.substring("updated ".length()));

    // The commands the summary proposes, at once: conflicts, imports and status.
    Pending conflictsRun =
        consumerCli("consumer conflicts", "conflicts", "--json", "--config", config);
    Pending importsRun =
        consumerCli("consumer imports", "imports", "eole", "--json", "--config", config);
    Pending statusRun = consumerCli("consumer status", "status", "--json", "--config", config);
    Result conflicts = ok(conflictsRun.await());
    Result imports = ok(importsRun.await());
    Result status = ok(statusRun.await());

    JsonNode open = json(conflicts);
    JsonNode blocking = find(open, c -> c.path("kind").asText().equals("variable-removed"));
    JsonNode warning = find(open, c -> c.path("kind").asText().equals("default-changed"));
    check(
        conflicts,
        open.size() == 2
            && blocking != null
            && blocking.path("severity").asText().equals("blocking")
            && blocking.path("subject").asText().equals(REMOVED)
            && blocking.path("child").asText().equals(CHILD)
            && warning != null
            && warning.path("severity").asText().equals("warning")
            && warning.path("subject").asText().equals(CHANGED)
            && warning.path("child").asText().equals(CHILD)
            && warning.path("details").path("old").asText().equals("4000")
            && warning.path("details").path("new").asText().equals("8000")
            && warning.path("details").path("override").asText().equals(CHANGED_OVERRIDE),
        String.format(
            "two open conflicts of %s: blocking variable-removed on %s, warning default-changed on"
                + " %s (4000 -> 8000 under %s)",
            CHILD, REMOVED, CHANGED, CHANGED_OVERRIDE));
    detail(
        "conflict #%s blocking variable-removed: %s overrides %s, which eole %s no longer has",
        blocking.path("id").asText(), CHILD, REMOVED, NEXT);
    detail(
        "conflict #%s warning default-changed: %s 4000 -> 8000 upstream, under %s's override %s",
        warning.path("id").asText(), CHANGED, CHILD, CHANGED_OVERRIDE);

    JsonNode last = find(json(imports), r -> r.path("kind").asText().equals("import"));
    check(
        imports,
        last != null
            && last.path("fromVersion").asText().equals(FIRST)
            && last.path("toVersion").asText().equals(NEXT)
            && last.path("outcome").asText().equals("success")
            && last.path("conflictsRaised").asInt() == 2,
        "the newest import: " + FIRST + " -> " + NEXT + ", success, 2 conflicts raised");
    JsonNode installed = json(status).path(REPOSITORY).path("datasources");
    check(
        status,
        installed.path("eole").path("installed").asText().equals(NEXT)
            && installed.path("acme-monitoring").path("installed").asText().equals(FIRST),
        "eole " + NEXT + " and acme-monitoring " + FIRST + " installed");
    HttpResponse<String> viaApi = api("GET", "/conflicts", null);
    expect(
        viaApi.statusCode() == 200
            && viaApi.body().contains("\"variable-removed\"")
            && viaApi.body().contains("\"default-changed\""),
        "GET " + apiUrl + "/conflicts",
        "200 with both conflicts",
        viaApi.statusCode() + " " + viaApi.body(),
        consumer.logs());

    Optional<WebhookReceiver.Notice> notice =
        webhook.await(
            n ->
                n.path("kind").asText().equals("import")
                    && n.path("datasource").asText().equals("eole")
                    && n.path("toVersion").asText().equals(NEXT),
            NOTIFICATION);
    List<String> kinds = new ArrayList<>();
    notice.ifPresent(
        n ->
            n.body()
                .path("conflicts")
                .forEach(
                    c -> kinds.add(c.path("severity").asText() + " " + c.path("kind").asText())));
    expect(
        kinds.contains("blocking variable-removed") && kinds.contains("warning default-changed"),
        "the notification of the import",
        String.format(
            "within %d s, a correctly signed webhook POST about eole %s with both conflicts",
            NOTIFICATION.toSeconds(), NEXT),
        notice.map(n -> n.body().toString()).orElse("nothing")
            + (webhook.refused().isEmpty() ? "" : "; refused: " + webhook.refused()),
        consumer.logs());
    boolean logged =
        consumer
            .err()
            .lines()
            .anyMatch(
                l ->
                    l.contains("dev.alize.consumer.notify")
                        && l.contains("eole " + FIRST)
                        && l.contains(NEXT + " imported"));
    expect(
        logged,
        "the notification's log line",
        "an INFO line of dev.alize.consumer.notify: eole " + FIRST + " -> " + NEXT + " imported",
        Processes.lastLines(consumer.err(), 10),
        consumer.logs());
    detail(
        "notification: logged by consumer serve, and POSTed to the admins' webhook (signature"
            + " checked), kept in %s",
        local(notice.orElseThrow().file()));
    done(
        t,
        "eole %s held (MAJOR), previewed, approved, imported: 1 blocking conflict"
            + " (variable-removed), 1 warning (default-changed); the admins notified",
        NEXT);
  }

  /** The console's URL: on the admin API's address and port. */
  private URI consoleUrl() {
    return apiUrl.resolve("/console");
  }

  /** Signs in to the console with the admin's token, as the summary tells a person to. */
  private void consoleSignIn() throws InterruptedException {
    URI signIn = apiUrl.resolve("/console/sign-in");
    HttpRequest request =
        HttpRequest.newBuilder(signIn)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
            .build();
    try {
      HttpResponse<String> r = apiClient.send(request, HttpResponse.BodyHandlers.ofString());
      boolean signedIn =
          r.statusCode() == 303
              && r.headers().allValues("Set-Cookie").stream()
                  .anyMatch(c -> c.startsWith("alize-console="));
      expect(
          signedIn,
          "POST " + signIn,
          "303 with the console's session cookie",
          r.statusCode() + " " + r.headers().map(),
          consumer.logs());
    } catch (IOException e) {
      throw new DemoFailure(
          "POST " + signIn + " failed",
          "an answer from consumer serve",
          e.toString(),
          consumer.logs());
    }
  }

  /** Syncs the repository through the admin API; returns the text of {@code datasource}'s line. */
  private String syncLine(String datasource, String what) throws IOException, InterruptedException {
    HttpResponse<String> r = api("POST", "/repositories/" + REPOSITORY + "/sync", null);
    String subject = REPOSITORY + "/" + datasource;
    if (r.statusCode() == 200) {
      JsonNode line =
          find(JSON.readTree(r.body()), l -> l.path("subject").asText().equals(subject));
      if (line != null) {
        return line.path("text").asText();
      }
    }
    throw new DemoFailure(
        what + ": POST " + apiUrl + "/repositories/" + REPOSITORY + "/sync",
        "200 with a line for " + subject,
        r.statusCode() + " " + r.body(),
        consumer.logs());
  }

  // ---- the summary, waiting, stopping ----

  // ---- 6. a phased release across several sites, and their reports ----

  private void rolloutStep() throws IOException, InterruptedException {
    long t =
        step(
            6,
            "Fleet: four more sites enrol and report; acme-monitoring "
                + ROLLED_OUT
                + " goes to half of them");
    List<String> labels = List.of("Lycée A", "Lycée B", "Collège C", "Collège D");
    List<Pending> tokens = new ArrayList<>();
    for (String label : labels) {
      tokens.add(
          publisher(
              "publisher enroll " + label, "enroll", label, "--json", "--config", publisherConfig));
    }
    List<Path> sites = new ArrayList<>();
    List<Pending> enrolled = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      Result issued = ok(tokens.get(i));
      Matcher token = ENROLMENT_TOKEN.matcher(issued.out());
      check(issued, token.find(), "a token in enroll's JSON");
      // The first site is a pilot: it takes every release at once.
      Path site = writeSiteConfig(i, labels.get(i), i == 0 ? "early" : "phased");
      sites.add(site);
      enrolled.add(
          consumerCli(
              "consumer enroll (" + labels.get(i) + ")",
              "enroll",
              REPOSITORY,
              "--token",
              token.group(1),
              "--config",
              site));
    }
    for (Pending p : enrolled) {
      ok(p);
    }
    syncSites(sites);
    ok(
        publisher(
            "publisher release acme-monitoring " + ROLLED_OUT,
            "release",
            root.resolve("datasources/acme-monitoring"),
            "--repo",
            repo,
            "--keys",
            keys,
            "--version",
            ROLLED_OUT,
            "--channel",
            "stable",
            "--rollout",
            "50%,100% every 1d"));
    List<Result> synced = syncSites(sites);
    int took = 0;
    for (int i = 0; i < sites.size(); i++) {
      String line = synced.get(i).out().strip();
      boolean updated = line.contains("updated " + FIRST + " -> " + ROLLED_OUT);
      check(
          synced.get(i),
          updated || line.contains("waiting for " + ROLLED_OUT),
          "updated to " + ROLLED_OUT + ", or waiting for its turn");
      check(synced.get(i), i != 0 || updated, "the pilot site updated at once");
      took += updated ? 1 : 0;
      detail("%s: %s", labels.get(i), line.substring(line.indexOf(": ") + 2));
    }
    Result stats =
        ok(
            publisher(
                "publisher stats",
                "stats",
                "acme-monitoring",
                ROLLED_OUT,
                "--config",
                publisherConfig,
                "--repo",
                repo));
    String installed = "installed " + took + ",";
    check(stats, stats.out().contains(installed), "the statistics count " + installed);
    stats.out().lines().limit(3).forEach(l -> detail("publisher stats: %s", l.strip()));
    done(
        t,
        "acme-monitoring %s rolled out to 50%%: %d of %d sites took it (the pilot at once), as"
            + " their reports in the publisher's stats say",
        ROLLED_OUT,
        took,
        sites.size());
  }

  /** Syncs every site at once; the results in the order of {@code sites}. */
  private List<Result> syncSites(List<Path> sites) throws IOException, InterruptedException {
    List<Pending> running = new ArrayList<>();
    for (Path site : sites) {
      running.add(
          consumerCli(
              "consumer sync (" + site.getParent().getFileName() + ")",
              "sync",
              "--once",
              "--config",
              site));
    }
    List<Result> results = new ArrayList<>();
    for (Pending p : running) {
      results.add(ok(p));
    }
    return results;
  }

  /** A site that follows acme-monitoring alone, in its own folder, and reports. */
  private Path writeSiteConfig(int n, String label, String rollout) throws IOException {
    Path file = work.resolve("sites/site-" + n + "/consumer.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.join(
            "\n",
            "alize:",
            "  consumer:",
            "    site-label: " + quote(label),
            "    repositories:",
            "      " + REPOSITORY + ":",
            "        url: " + publisherUrl,
            "        trusted-root: " + quote(repo.resolve("metadata/1.root.json")),
            "        tls-certificate: " + quote(certificate),
            "        datasources: [acme-monitoring]",
            "        rollout: " + rollout,
            "        reports: true",
            ""));
    return file;
  }

  private void printSummary() {
    String consumerCommand = "java -jar " + display(consumerJar);
    String withConfig = " --config " + display(config);
    out.println();
    out.printf("Summary: %s, in %s.%n", ALL_CHECKED, seconds(System.nanoTime() - started));
    for (int i = 0; i < summary.size(); i++) {
      out.println("  " + (i + 1) + ". " + summary.get(i));
    }
    out.println("  Publisher:    " + publisherUrl);
    out.println(
        "    curl --cacert " + display(certificate) + " " + publisherUrl + "api/v1/datasources");
    out.println("  Consumer API: " + apiUrl + " (admin " + ADMIN + ", token " + token + ")");
    out.println("    curl -s -H 'Authorization: Bearer " + token + "' " + apiUrl + "/conflicts");
    out.println("  Console:      " + consoleUrl() + " (sign in with the admin's token above)");
    out.println("  Look further:");
    out.println("    " + consumerCommand + " status" + withConfig);
    out.println("    " + consumerCommand + " conflicts" + withConfig);
    out.println("    " + consumerCommand + " imports" + withConfig);
    out.println("    java -jar " + display(publisherJar) + " list --repo " + display(repo));
    out.println(
        "    java -jar "
            + display(publisherJar)
            + " stats acme-monitoring "
            + ROLLED_OUT
            + " --config "
            + display(publisherConfig)
            + " --repo "
            + display(repo));
    out.println("  Logs of every process: " + display(logs));
  }

  private int waitForCtrlC() {
    try {
      while (!stopping) {
        for (Server s : processes.servers()) {
          if (!s.isAlive() && !stopping) {
            return fail(
                new DemoFailure(
                    s.label() + " stopped on its own (exit " + s.exitValue() + ")",
                    "it keeps running until Ctrl-C",
                    Processes.lastLines(s.err() + s.out(), 15),
                    s.logs()));
          }
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 130;
  }

  /** The shutdown hook: Ctrl-C, SIGTERM, or the demo's own exit. */
  private void onShutdown() {
    boolean signalled;
    synchronized (this) {
      signalled = !cleaned;
      stopping = true;
    }
    if (signalled) {
      out.println();
      out.println("Stopping the publisher and the consumer...");
      cleanup();
    }
  }

  /** The process that started the demo (Maven) ended without stopping it: stop too. */
  private void onParentExit() {
    try {
      // With Ctrl-C, Maven and the demo are signalled together: let the demo's own stop begin.
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!stopping) {
      out.println();
      out.println("The process that started the demo ended.");
      System.exit(1);
    }
  }

  /** Stops the servers, and deletes the working folder unless the run failed; once. */
  private synchronized void cleanup() {
    if (cleaned) {
      return;
    }
    cleaned = true;
    List<String> killed;
    try {
      killed = processes.stopAll(STOP_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killed = List.of("(interrupted while stopping)");
    }
    if (webhook != null) {
      webhook.close();
    }
    if (killed.isEmpty()) {
      out.println("Stopped the publisher and the consumer.");
    } else {
      out.println("Killed " + String.join(" and ", killed) + ": not stopped within " + STOP_GRACE);
    }
    if (failed) {
      out.println("Kept " + work + " for diagnosis: delete it when done.");
    } else {
      try {
        delete(work);
        out.println("Deleted " + work + ".");
      } catch (IOException | RuntimeException e) {
        out.println("Could not delete " + work + ": " + e);
      }
    }
    out.flush();
  }

  private int fail(DemoFailure e) {
    if (stopping) {
      return 130;
    }
    failed = true;
    out.println();
    out.println("FAILED: " + e.getMessage());
    if (e.expected() != null) {
      out.println("  expected: " + e.expected());
    }
    if (e.got() != null) {
      out.println("  got:");
      e.got().lines().limit(20).forEach(l -> out.println("    " + l));
    }
    List<Path> shown = new ArrayList<>(e.logs());
    for (Server s : processes.servers()) {
      for (Path log : s.logs()) {
        if (!shown.contains(log)) {
          shown.add(log);
        }
      }
    }
    shown.forEach(file -> out.println("  see: " + file));
    cleanup();
    return 1;
  }

  /** A bug or an environment problem no step foresaw: one line, its trace in a file. */
  private DemoFailure unexpected(Exception e) {
    Path trace = logs.resolve("demo-error.txt");
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    try {
      Files.writeString(trace, text.toString());
    } catch (IOException ignored) {
      // The message still says what happened.
    }
    return new DemoFailure("unexpected error: " + e, null, null, List.of(trace));
  }

  // ---- helpers ----

  private long step(int n, String title) {
    out.println();
    out.println(n + ". " + title);
    return System.nanoTime();
  }

  private void detail(String format, Object... args) {
    out.println("   " + String.format(Locale.ROOT, format, args));
  }

  private void done(long since, String format, Object... args) {
    summary.add(
        String.format(Locale.ROOT, format, args) + " (" + seconds(System.nanoTime() - since) + ")");
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  private Pending publisher(String label, Object... args) throws IOException {
    return processes.begin(label, publisherJar, args);
  }

  private Pending consumerCli(String label, Object... args) throws IOException {
    return processes.begin(label, consumerJar, args);
  }

  private static Result ok(Pending pending) throws InterruptedException {
    return ok(pending.await());
  }

  /** Checks that a command exited 0. */
  private static Result ok(Result r) {
    if (r.exit() != 0) {
      String output = r.err() + r.out();
      throw new DemoFailure(
          r.label() + " exited with " + r.exit(),
          "exit 0",
          output.isBlank() ? "(no output)" : Processes.lastLines(output, 20),
          r.logs());
    }
    return r;
  }

  /** Checks a command's answer. */
  private static void check(Result r, boolean condition, String expected) {
    expect(condition, r.label(), expected, r.out(), r.logs());
  }

  private static void expect(
      boolean condition, String what, String expected, String got, List<Path> logs) {
    if (!condition) {
      throw new DemoFailure(what + " did not do what it should", expected, got, logs);
    }
  }

  private static JsonNode json(Result r) {
    try {
      return JSON.readTree(r.out());
    } catch (IOException e) {
      throw new DemoFailure(r.label() + " did not answer JSON", "JSON", r.out(), r.logs());
    }
  }

  private static JsonNode find(JsonNode array, Predicate<JsonNode> test) {
    for (JsonNode n : array) {
      if (test.test(n)) {
        return n;
      }
    }
    return null;
  }

  /** A call to consumer serve's admin API, with the demo admin's token. */
  private HttpResponse<String> api(String method, String path, String body)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return apiClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DemoFailure(
          method + " " + apiUrl + path + " failed",
          "an answer from consumer serve",
          e.toString(),
          consumer.logs());
    }
  }

  private static HttpResponse<String> get(HttpClient client, URI uri) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DemoFailure(
          "GET " + uri + " failed", "an answer over HTTPS", e.toString(), List.of());
    }
  }

  /** TLS that trusts the publisher's certificate and nothing else, as the consumer does. */
  private static SSLContext pinned(Path certificate) throws IOException {
    try {
      return PinnedTrust.of(certificate);
    } catch (GeneralSecurityException e) {
      throw new DemoFailure(
          "cannot read the publisher's certificate " + certificate + ": " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String quote(Object value) {
    return "'" + value.toString().replace("'", "''") + "'";
  }

  private static String abbreviate(String fingerprint) {
    return fingerprint.length() > 23 ? fingerprint.substring(0, 23) + "..." : fingerprint;
  }

  /** A path as the user can paste it: relative when under where they are. */
  private String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) && !absolute.equals(cwd)
        ? cwd.relativize(absolute).toString()
        : absolute.toString();
  }

  /** A path of the working folder, relative to it. */
  private String local(Path path) {
    return work.relativize(path).toString();
  }

  private static boolean isSet(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return !v.isEmpty() && !v.equals("0") && !v.equals("false") && !v.equals("no");
  }

  /** The repository's root: where the demo runs, or its parent (from consumer/, as tests run). */
  private static Path findRoot(Path cwd) {
    for (Path p : Stream.of(cwd, cwd.getParent()).filter(Objects::nonNull).toList()) {
      if (Files.isDirectory(p.resolve("datasources/eole"))
          && Files.isDirectory(p.resolve("publisher"))
          && Files.isDirectory(p.resolve("consumer"))) {
        return p;
      }
    }
    throw new DemoFailure(
        "run the demo from the Alizé repository (the folder with datasources/, publisher/ and"
            + " consumer/): ./mvnw -B -q -Pdemo verify");
  }

  private static void requireJar(Path root, String module) {
    Path jar = root.resolve(module + "/target/" + module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new DemoFailure(
          jar
              + " is missing: build it with ./mvnw -B -q package -DskipTests, or run the demo"
              + " with ./mvnw -B -q -Pdemo verify, which builds it first");
    }
  }

  /** A fresh folder of the system's temporary folder, for this user only where that applies. */
  private static Path createWorkFolder() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    SecureRandom random = new SecureRandom();
    boolean posix = tmp.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int attempt = 0; ; attempt++) {
      String suffix = Integer.toString(100_000 + random.nextInt(900_000), 36);
      Path folder = tmp.resolve("alize-demo-" + suffix);
      try {
        if (posix) {
          Files.createDirectory(
              folder,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(folder);
        }
        Files.createDirectory(folder.resolve("logs"));
        return folder;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }
}
