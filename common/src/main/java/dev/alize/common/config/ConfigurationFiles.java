package dev.alize.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * An operator's configuration file ({@code --config}) read into flat properties, as Micronaut's own
 * loaders read theirs: YAML ({@code .yml}, {@code .yaml}) with nested mappings joined into dotted
 * keys and sequences kept as lists, or Java properties ({@code .properties}). Placeholders and
 * conversions are left to the application that binds them.
 */
public final class ConfigurationFiles {

  private ConfigurationFiles() {}

  /**
   * The file an application reads when {@code --config} may be absent: {@code given} when there is
   * one, else the file the environment variable {@code variable} names, else {@code byDefault} when
   * it exists.
   *
   * @return empty when none of them applies
   */
  public static Optional<Path> locate(
      Path given, String variable, Map<String, String> environment, Path byDefault) {
    if (given != null) {
      return Optional.of(given);
    }
    String named = environment.get(variable);
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    return Files.exists(byDefault) ? Optional.of(byDefault) : Optional.empty();
  }

  /**
   * @throws ConfigurationFileException when {@code file} is of no known format, absent or
   *     unreadable
   */
  public static Map<String, Object> read(Path file) {
    Path fileName = file.getFileName();
    String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
    if (!yaml && !name.endsWith(".properties")) {
      throw new ConfigurationFileException(
          file,
          file + ": a configuration file is YAML (.yml, .yaml) or properties (.properties)",
          null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return yaml ? yaml(file, in) : properties(in);
    } catch (NoSuchFileException e) {
      throw new ConfigurationFileException(file, file + ": no such configuration file", e);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      String where =
          mark == null
              ? ""
              : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
      throw unreadable(file, e.getProblem() + where, e);
    } catch (IOException | YAMLException | IllegalArgumentException e) {
      throw unreadable(file, e.getMessage(), e);
    }
  }

  private static Map<String, Object> yaml(Path file, InputStream in) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Object document : new Yaml(new Constructor()).loadAll(in)) {
      if (document instanceof Map<?, ?> map) {
        flatten(properties, map, "");
      } else if (document != null) {
        throw unreadable(file, "a document is not a mapping of keys to values", null);
      }
    }
    return properties;
  }

  private static void flatten(Map<String, Object> properties, Map<?, ?> map, String prefix) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
        flatten(properties, nested, key + ".");
      } else {
        properties.put(key, entry.getValue());
      }
    }
  }

  private static Map<String, Object> properties(InputStream in) throws IOException {
    Properties loaded = new Properties();
    loaded.load(in);
    Map<String, Object> properties = new LinkedHashMap<>();
    loaded.forEach((key, value) -> properties.put(key.toString(), value));
    return properties;
  }

  private static ConfigurationFileException unreadable(Path file, String reason, Throwable cause) {
    String line = reason == null ? "" : reason.strip().lines().findFirst().orElse("");
    return new ConfigurationFileException(
        file,
        "cannot read the configuration file "
            + file
            + ": "
            + (line.isEmpty() && cause != null ? cause.getClass().getSimpleName() : line),
        cause);
  }

  /**
   * SnakeYAML's safe constructor, which builds maps, lists and scalars only, with timestamps kept
   * as text for the application to convert, as every other value.
   */
  private static final class Constructor extends SafeConstructor {
    Constructor() {
      super(new LoaderOptions());
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    }
  }
}
