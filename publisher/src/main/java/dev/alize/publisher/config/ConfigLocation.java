package dev.alize.publisher.config;

import dev.alize.common.config.ConfigurationFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code serve} reads its configuration when {@code --config} is not given: the file {@code
 * ALIZE_PUBLISHER_CONFIG} names, else {@code /etc/alize/publisher.yml} when it exists, else none
 * (the write API then refuses every call).
 */
public final class ConfigLocation {

  /** The environment variable that names the configuration file. */
  public static final String VARIABLE = "ALIZE_PUBLISHER_CONFIG";

  /** The file read, when it exists, if neither {@code --config} nor {@link #VARIABLE} is given. */
  public static final Path DEFAULT = Path.of("/etc/alize/publisher.yml");

  private ConfigLocation() {}

  /**
   * @param given the {@code --config} file, or null
   * @return the file to read (a file named but absent is reported when read), or empty for none
   */
  public static Optional<Path> find(Path given, Map<String, String> environment, Path byDefault) {
    return ConfigurationFiles.locate(given, VARIABLE, environment, byDefault);
  }
}
