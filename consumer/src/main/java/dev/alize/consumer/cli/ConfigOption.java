package dev.alize.consumer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the site's configuration, which every command on its data reads. */
final class ConfigOption {

  static final String DESCRIPTION =
      "The site's configuration file, YAML or Java properties: its repositories, database, admin"
          + " API and notifications.";

  @Option(names = "--config", required = true, paramLabel = "FILE", description = DESCRIPTION)
  Path file;

  Path file() {
    return file;
  }
}
