package dev.alize.consumer.persistence;

import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.config.DatabaseProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the consumer's database is.
 *
 * @param url a JDBC URL: {@code jdbc:h2:file:...} (the embedded default) or {@code
 *     jdbc:postgresql://...}
 * @param user null for none
 * @param password null for none
 */
public record DatabaseSettings(String url, String user, String password) {

  /**
   * How long a transaction waits for a row another one holds, as an import of the same datasource
   * by another replica: long enough for a large import, short enough to report a stuck one.
   */
  public static final long LOCK_TIMEOUT_MILLIS = 600_000;

  private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

  /** Never the password: settings are logged. */
  @Override
  public String toString() {
    return "DatabaseSettings[" + shown() + ", user " + user + "]";
  }

  /**
   * The embedded H2 database in the data folder. In H2's automatic mixed mode, the first process to
   * open it serves it to the others on a loopback port, so that commands such as {@code sync
   * --once} or {@code conflicts} work while {@code serve} runs.
   */
  public static DatabaseSettings embedded(DataFolder folder) {
    return new DatabaseSettings(
        "jdbc:h2:file:"
            + folder.embeddedDatabase()
            + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT="
            + LOCK_TIMEOUT_MILLIS,
        "alize",
        "");
  }

  /**
   * Micronaut's settings of the pool (Hikari), of Micronaut Data and of Flyway for this database.
   * Every repository is compiled for PostgreSQL's dialect with portable SQL, so that one build
   * serves both databases.
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
    p.put(at + "pool-name", "alize");
    p.put(at + "maximum-pool-size", 4);
    // One connection stays open: the pool's first, made to check the database as it starts, is then
    // the one a command uses, rather than closed and made again (which, for H2, closes the file and
    // opens it again, a tenth of a second); and serve keeps it between polls a quarter of an hour
    // apart, longer than the pool keeps an idle connection.
    p.put(at + "minimum-idle", 1);
    // A database that is down is reported, not waited for.
    p.put(at + "connection-timeout", CONNECT_TIMEOUT_MILLIS);
    if (isPostgres()) {
      // PostgreSQL waits for a lock forever unless told otherwise; H2's URL says it.
      p.put(at + "connection-init-sql", "SET lock_timeout = " + LOCK_TIMEOUT_MILLIS);
    }
    // Migrations run when ConsumerApplication decides, not whenever the pool opens.
    p.put("flyway.datasources.default.enabled", false);
    p.put("flyway.datasources.default.locations", "classpath:db/migration");
    p.put("flyway.datasources.default.fail-on-missing-locations", true);
    return p;
  }

  /**
   * The database configured under {@code alize.consumer.database}, or the embedded H2 file in the
   * data folder when no URL is given (its user and password are then not read).
   */
  public static DatabaseSettings of(DatabaseProperties configured, DataFolder folder) {
    String url = configured.url() == null ? "" : configured.url().strip();
    return url.isEmpty()
        ? embedded(folder)
        : new DatabaseSettings(url, configured.user(), configured.password());
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
