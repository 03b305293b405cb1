package dev.alize.consumer.persistence;

import java.nio.file.Path;

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
  public static DatabaseSettings embedded(Path dataDir) {
    return new DatabaseSettings(
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().resolve("alize")
            + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT="
            + LOCK_TIMEOUT_MILLIS,
        "alize",
        "");
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
