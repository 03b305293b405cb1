package dev.alize.publisher.persistence;

import dev.alize.publisher.config.DatabaseConfiguration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where the publisher's fleet database is.
 *
 * @param url a JDBC URL: {@code jdbc:h2:...} (the embedded default) or {@code
 *     jdbc:postgresql://...}
 * @param user null for none
 * @param password null for none
 */
public record DatabaseSettings(String url, String user, String password) {

  /** The embedded database's file in the data folder, without H2's {@code .mv.db} suffix. */
  public static final String EMBEDDED_FILE = "fleet";

  private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final long LOCK_TIMEOUT_MILLIS = 10_000;

  /** Never the password: settings are logged. */
  @Override
  public String toString() {
    return "DatabaseSettings[" + shown() + ", user " + user + "]";
  }

  /**
   * The embedded H2 database in {@code dataDir}. In H2's automatic mixed mode the first process to
   * open it serves it to the others on a loopback port, so that {@code enroll} and {@code stats}
   * work while {@code serve} runs.
   */
  public static DatabaseSettings embedded(Path dataDir) {
    return new DatabaseSettings(
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().resolve(EMBEDDED_FILE)
            + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT="
            + LOCK_TIMEOUT_MILLIS,
        "alize",
        "");
  }

  /**
   * A database in memory, for a server started without a configuration file: no site can enrol in
   * it, since only {@code enroll --config FILE} issues tokens, so reports are refused.
   */
  public static DatabaseSettings inMemory() {
    return new DatabaseSettings(
        "jdbc:h2:mem:fleet-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "alize", "");
  }

  /**
   * The database configured under {@code alize.publisher.database}, or the embedded H2 file in
   * {@code dataDir} when no URL is given (its user and password are then not read).
   */
  public static DatabaseSettings of(DatabaseConfiguration configured, Path dataDir) {
    String url = configured.url() == null ? "" : configured.url().strip();
    return url.isEmpty()
        ? embedded(dataDir)
        : new DatabaseSettings(url, configured.user(), configured.password());
  }

  /**
   * Micronaut's settings of the pool (Hikari), of Micronaut Data and of Flyway for this database.
   * Every repository is compiled for PostgreSQL's dialect with portable SQL, so that one build
   * serves both databases, as in the consumer.
   */
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    String at = "datasources.default.";
    p.put(at + "url", url);
    p.put(at + "driver-class-name", isPostgres() ? "org.postgresql.Driver" : "org.h2.Driver");
    if (user != null) {
      p.put(at + "username", user);
    }
    if (password != null) {
      p.put(at + "password", password);
    }
    p.put(at + "dialect", "POSTGRES");
    p.put(at + "schema-generate", "NONE");
    p.put(at + "pool-name", "alize-fleet");
    p.put(at + "maximum-pool-size", 4);
    p.put(at + "minimum-idle", 0);
    // A database that is down is reported, not waited for.
    p.put(at + "connection-timeout", CONNECT_TIMEOUT_MILLIS);
    if (isPostgres()) {
      p.put(at + "connection-init-sql", "SET lock_timeout = " + LOCK_TIMEOUT_MILLIS);
    }
    // Migrations run when FleetDatabase opens the database, not whenever the pool opens.
    p.put("flyway.datasources.default.enabled", false);
    p.put("flyway.datasources.default.locations", "classpath:db/migration");
    p.put("flyway.datasources.default.fail-on-missing-locations", true);
    return p;
  }

  public boolean isH2() {
    return url.startsWith("jdbc:h2:");
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The URL without credentials or options, for messages and logs. */
  public String shown() {
    int semicolon = url.indexOf(';');
    int question = url.indexOf('?');
    int cut = semicolon >= 0 ? semicolon : question >= 0 ? question : url.length();
    return url.substring(0, cut);
  }
}
