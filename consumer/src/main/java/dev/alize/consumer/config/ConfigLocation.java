package dev.alize.consumer.config;

import dev.alize.common.config.ConfigurationFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a consumer command reads its configuration when {@code --config} is not given: the file
 * {@code ALIZE_CONSUMER_CONFIG} names, else {@code /etc/alize/consumer.yml}, else the environment's
 * {@code ALIZE_CONSUMER_...} variables alone, as a container is configured.
 */
public final class ConfigLocation {

  /** The environment variable that names the configuration file. */
  public static final String VARIABLE = "ALIZE_CONSUMER_CONFIG";

  /** The file read when neither {@code --config} nor {@link #VARIABLE} is given. */
  public static final Path DEFAULT = Path.of("/etc/alize/consumer.yml");

  private static final String KEY_VARIABLES = "ALIZE_CONSUMER_";

  private ConfigLocation() {}

  /**
   * @param given the {@code --config} file, or null
   * @return the file to read, or empty for a configuration from the environment alone
   * @throws ConfigurationException when there is none of them, naming each
   */
  public static Optional<Path> find(Path given, Map<String, String> environment, Path byDefault) {
    Optional<Path> file = ConfigurationFiles.locate(given, VARIABLE, environment, byDefault);
    if (file.isPresent()) {
      return file;
    }
    if (environment.keySet().stream()
        .anyMatch(v -> v.startsWith(KEY_VARIABLES) && !v.equals(VARIABLE))) {
      return Optional.empty();
    }
    throw new ConfigurationException(
        "no configuration: give --config FILE, name the file in "
            + VARIABLE
            + ", write "
            + byDefault
            + ", or set the "
            + KEY_VARIABLES
            + "... environment variables");
  }
}
