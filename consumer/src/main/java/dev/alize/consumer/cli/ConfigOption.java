package dev.alize.consumer.cli;

import dev.alize.consumer.config.ConfigLocation;
import dev.alize.consumer.config.ConfigurationException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE}: the site's configuration, which every command on its data reads; without
 * it, where {@link ConfigLocation} finds one.
 */
final class ConfigOption {

  static final String DESCRIPTION =
      "The site's configuration file, YAML or Java properties: its repositories, database, admin"
          + " API and notifications (default: the file ALIZE_CONSUMER_CONFIG names, else"
          + " /etc/alize/consumer.yml, else the ALIZE_CONSUMER_... variables alone).";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--config", paramLabel = "FILE", description = DESCRIPTION)
  Path file;

  /**
   * @return the file to read, or empty for a configuration from the environment alone
   * @throws ParameterException when there is no configuration anywhere
   */
  Optional<Path> file() {
    try {
      return ConfigLocation.find(file, System.getenv(), ConfigLocation.DEFAULT);
    } catch (ConfigurationException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /** How messages name the configuration: its file, or the environment. */
  String shown() {
    return file().map(Path::toString).orElse("the ALIZE_CONSUMER_... environment variables");
  }
}
