package dev.alize.consumer.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.codec.Hashes;
import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.testing.MutableClock;
import dev.alize.common.tls.ServerCertificate;
import dev.alize.common.token.TokenValue;
import dev.alize.common.version.Bump;
import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.importer.DatabaseImporter;
import dev.alize.consumer.importer.ImportRequest;
import dev.alize.consumer.importer.ImportResult;
import dev.alize.consumer.importer.RollbackService;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.DatabaseSettings;
import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.sync.Backoff;
import dev.alize.consumer.sync.StatusStore;
import dev.alize.consumer.sync.SyncLine;
import dev.alize.consumer.sync.SyncScheduler;
import dev.alize.consumer.sync.SyncedReleases;
import dev.alize.consumer.update.TargetCache;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.sql.DataSource;

/**
 * The real admin API on 127.0.0.1 and a free port, over a fresh H2 database (or the one given) into
 * which eole 1.0.0 then 1.1.0 (the sample datasource of the repository) were imported, with their
 * archives in the target cache so that a rollback can restore 1.0.0. Two admins: alice (configured
 * nested) and bob (configured by the line {@code consumer new-token} prints). The repository {@code
 * upstream} is synced by a stand-in that counts its calls; its last successful sync, at {@link
 * #NOW}, verified signed metadata that lists {@link #PUBLISHED}.
 */
public final class ApiFixture implements AutoCloseable {

  public static final Path EOLE = Path.of("../datasources/eole");

  /** After the end of support of eole 2.8.1 (2026-12-31): its children get a conflict. */
  public static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

  public static final String REPOSITORY = "upstream";

  /** The releases {@link #REPOSITORY} publishes, as {@code NAME VERSION}. */
  public static final List<String> PUBLISHED =
      List.of("eole 1.0.0", "eole 1.1.0", "eole 2.0.0", "acme-monitoring 3.0.0");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The application's clock: it stands at {@link #NOW} until a test moves it on. */
  public final MutableClock clock = new MutableClock(NOW);

  public final String aliceToken = TokenValue.generate(RANDOM);
  public final String bobToken = TokenValue.generate(RANDOM);
  public final Path dataDir;
  public final ApplicationContext context;
  final String databaseUrl;
  public final Database database;
  public final DatabaseImporter importer;
  public final AdminService admin;
  public final RollbackService rollback;
  public final StatusStore statuses;
  final SyncScheduler scheduler;
  final AtomicInteger syncs = new AtomicInteger();
  final ApiServices services;
  private final DatabaseSettings databaseSettings;
  private final List<ApplicationContext> others = new ArrayList<>();
  public final AdminApiServer server;

  /** Trusts the API's certificate alone when it serves HTTPS. */
  final HttpClient client;

  private ApiFixture(Path dir, String apiConfig, String apiLines) throws IOException {
    this(
        dir,
        apiConfig,
        apiLines,
        new DatabaseSettings(
            "jdbc:h2:mem:api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
  }

  private ApiFixture(Path dir, String apiConfig, String apiLines, DatabaseSettings settings)
      throws IOException {
    Files.createDirectories(dir);
    dataDir = dir.resolve("alize-data");
    Path config =
        Files.writeString(
            dir.resolve("consumer.yml"), apiConfig != null ? apiConfig : defaultConfig(apiLines));
    databaseSettings = settings;
    databaseUrl = settings.url();
    context =
        ConsumerApplication.start(config, ConsumerApplication.Role.SERVER, databaseSettings, clock);
    database = context.getBean(Database.class);
    importer = context.getBean(DatabaseImporter.class);
    SyncedReleases.store(
        new DataFolder(dataDir), REPOSITORY, NOW, PUBLISHED.toArray(String[]::new));
    importEole("1.0.0", 1);
    importEole("1.1.0", 2);
    admin = context.getBean(AdminService.class);
    rollback = context.getBean(RollbackService.class);
    statuses = new StatusStore(new DataFolder(dataDir));
    Subscription upstream =
        new Subscription(
            REPOSITORY,
            URI.create("https://models.example"),
            List.of(),
            dir.resolve("root.json"),
            null,
            Channel.STABLE,
            List.of(),
            Bump.MINOR,
            Duration.ofHours(1),
            false,
            RolloutMode.PHASED,
            null,
            Duration.ofDays(3));
    scheduler =
        new SyncScheduler(
            List.of(upstream),
            s -> {
              syncs.incrementAndGet();
              return List.of(
                  new SyncLine(
                      s.name() + "/eole", SyncLine.Outcome.UP_TO_DATE, "eole 1.1.0 is current"));
            },
            statuses,
            Executors.newSingleThreadScheduledExecutor(),
            Backoff.DEFAULT,
            new SplittableRandom(1),
            Clock.systemUTC(),
            lines -> {});
    services = new ApiServices(scheduler, statuses, List.of(upstream), null);
    server = AdminApiServer.start(context, services, dir).orElseThrow();
    client = client(server.certificate().map(ServerCertificate::leaf).orElse(null));
  }

  /** A client that trusts {@code certificate} and nothing else, or a plain one when it is null. */
  static HttpClient client(X509Certificate certificate) {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (certificate != null) {
      try {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("api", certificate);
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        client.sslContext(tls);
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return client.build();
  }

  public static ApiFixture start(Path dir) throws IOException {
    return new ApiFixture(dir, null, "");
  }

  /** On the database of {@code settings} rather than an H2 database in memory. */
  public static ApiFixture start(Path dir, DatabaseSettings settings) throws IOException {
    return new ApiFixture(dir, null, "", settings);
  }

  /**
   * With {@code apiLines} added under {@code alize.consumer.api} of the fixture's configuration, in
   * {@code dir}: {@code tls:} and its keys, for example.
   */
  static ApiFixture startWithApi(Path dir, String apiLines) throws IOException {
    return new ApiFixture(dir, null, apiLines);
  }

  /** With {@code config} as the whole configuration file. */
  public static ApiFixture start(Path dir, String config) throws IOException {
    return new ApiFixture(dir, config, null);
  }

  private String defaultConfig(String apiLines) {
    return "alize:\n"
        + "  consumer:\n"
        + "    repositories:\n"
        + "      upstream:\n"
        + "        url: https://models.example\n"
        + "        trusted-root: root.json\n"
        + "    api:\n"
        + "      port: 0\n"
        + apiLines.indent(6)
        + "      admins:\n"
        + "        alice:\n"
        + "          token-sha256: "
        + TokenValue.sha256Hex(aliceToken)
        + "\n"
        + "alize.consumer.api.admins.bob.token-sha256: "
        + TokenValue.sha256Hex(bobToken).toUpperCase(Locale.ROOT)
        + "\n";
  }

  private ImportResult importEole(String version, int targetsVersion) throws IOException {
    return importEole(EOLE, version, targetsVersion);
  }

  private ImportResult importEole(Path source, String version, int targetsVersion)
      throws IOException {
    String targetPath = "eole/eole-" + version + ".tar.gz";
    byte[] archive = DeterministicArchive.write(new DirectorySourceTree(source));
    Path cached =
        new TargetCache(dataDir.resolve("repositories").resolve(REPOSITORY).resolve("targets"))
            .file(targetPath);
    Files.createDirectories(cached.getParent());
    Files.write(cached, archive);
    return importer.importRelease(
        new ImportRequest(
            REPOSITORY,
            "eole",
            version,
            targetPath,
            cached,
            Hashes.sha256Hex(archive),
            targetsVersion));
  }

  /** A child of eole/2.8.1/amon made through the service: it has an end-of-support conflict. */
  public StoredChild createChild(String name) {
    return admin.createChild(
        new ChildDraft(
            name,
            ModelRef.parse("eole/2.8.1/amon"),
            Map.of("proxy_port", "8080"),
            List.of(),
            List.of(),
            "made by the fixture"),
        "fixture");
  }

  /**
   * Imports eole 1.2.0, in which 2.9.0's eole-proxy changes the default of {@code proxy_cache_mb}
   * from 4000 to 8000 and no longer has {@code filter_port}: a child of eole/2.9.0/amon created
   * before, that overrides them, gets a default-changed and a variable-removed conflict.
   *
   * @param dir an empty folder for the changed copy of eole
   */
  public ImportResult importChangedEole(Path dir) throws IOException {
    Path copy = dir.resolve("eole");
    try (var files = Files.walk(EOLE)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(EOLE.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    Path proxy = copy.resolve("services/2.9.0/eole-proxy.yaml");
    String yaml = Files.readString(proxy);
    String removed =
        "  filter_port:\n"
            + "    type: port\n"
            + "    default: 8080\n"
            + "    description: Port on which E2guardian listens.\n";
    String changed = "    max: 100000\n    default: 4000\n";
    if (!yaml.contains(removed) || !yaml.contains(changed)) {
      throw new IllegalStateException(proxy + " is no longer as this fixture expects");
    }
    Files.writeString(
        proxy, yaml.replace(removed, "").replace(changed, "    max: 100000\n    default: 8000\n"));
    return importEole(copy, "1.2.0", 3);
  }

  /** A child of eole/2.9.0/amon that overrides {@code set}, made through the service. */
  public StoredChild createChild(String name, Map<String, String> set) {
    return admin.createChild(
        new ChildDraft(
            name, ModelRef.parse("eole/2.9.0/amon"), set, List.of(), List.of(), "by the fixture"),
        "fixture");
  }

  /** Everything an API call may change, to compare before and after a refused one. */
  public record Snapshot(
      List<StoredChild> children,
      List<StoredConflict> conflicts,
      List<ImportRun> imports,
      List<InstalledDatasource> datasources,
      Set<String> approvals,
      int syncs) {}

  public Snapshot snapshot() {
    return new Snapshot(
        admin.children(),
        admin.conflicts(ConflictStore.Status.ALL),
        admin.imports(null, 1000),
        admin.datasources(),
        importer.approvals(),
        syncs.get());
  }

  public URI uri(String path) {
    return URI.create(
        (server.certificate().isPresent() ? "https" : "http")
            + "://127.0.0.1:"
            + server.port()
            + path);
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return send("GET", path, token, null);
  }

  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends {@code method target} exactly as written, with no normalisation of {@code ..} or of
   * escapes, and returns the raw response.
   */
  String raw(String method, String target, String token) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
      if (token != null) {
        head.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      head.append("Content-Length: 0\r\n");
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  /** The status code of a raw response. */
  static int status(String rawResponse) {
    return Integer.parseInt(rawResponse.split(" ", 3)[1]);
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      scheduler.close();
      others.forEach(ApplicationContext::close);
      context.close();
    }
  }

  /** Closes the pool under the API, as a database that went away. */
  void closeDatabase() throws SQLException {
    context.getBean(DataSource.class).unwrap(HikariDataSource.class).close();
  }

  /**
   * Starts the API of another consumer process, configured by {@code config}, on the same database;
   * it is closed with the fixture.
   */
  Optional<AdminApiServer> startAnother(Path config, ApiServices with) {
    ApplicationContext other =
        ConsumerApplication.start(config, ConsumerApplication.Role.SERVER, databaseSettings);
    others.add(other);
    return AdminApiServer.start(other, with, config.toAbsolutePath().getParent());
  }
}
