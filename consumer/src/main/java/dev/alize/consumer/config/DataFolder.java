package dev.alize.consumer.config;

import java.nio.file.Path;

/**
 * The consumer's data folder and what lives where in it: the only class that knows its layout.
 *
 * <pre>
 * alize.mv.db                          the embedded H2 database (when no URL is configured)
 * repositories/NAME/status.json        the repository's polling status
 * repositories/NAME/.lock              held while a process syncs the repository
 * repositories/NAME/metadata/          its trusted TUF metadata
 * repositories/NAME/targets/           the verified release archives (rollback reads them)
 * tls/server.crt.pem, server.key.pem   the admin API's certificate, made for its names
 * </pre>
 */
public record DataFolder(Path root) {

  public DataFolder {
    root = root.toAbsolutePath();
  }

  /** The embedded H2 database's file, without H2's {@code .mv.db} suffix. */
  public Path embeddedDatabase() {
    return root.resolve("alize");
  }

  /** The folder of every repository's folder. */
  public Path repositories() {
    return root.resolve("repositories");
  }

  public Path repository(String repository) {
    return root.resolve("repositories").resolve(repository);
  }

  public Path status(String repository) {
    return repository(repository).resolve("status.json");
  }

  public Path lock(String repository) {
    return repository(repository).resolve(".lock");
  }

  public Path metadata(String repository) {
    return repository(repository).resolve("metadata");
  }

  public Path targets(String repository) {
    return repository(repository).resolve("targets");
  }

  /** Where the certificate made for the admin API is kept, so that it survives restarts. */
  public Path tls() {
    return root.resolve("tls");
  }
}
