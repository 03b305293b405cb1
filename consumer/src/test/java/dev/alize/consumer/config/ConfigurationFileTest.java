package dev.alize.consumer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertiesPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration file as a property source: the same keys and values as Micronaut's own loaders
 * give, placed below the environment.
 */
class ConfigurationFileTest {

  @TempDir Path temp;

  private static Map<String, Object> properties(PropertySource source) {
    Map<String, Object> properties = new LinkedHashMap<>();
    source.forEach(key -> properties.put(key, source.get(key)));
    return properties;
  }

  private static Map<String, Object> micronauts(PropertySourceLoader loader, Path file)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return loader.read(file.toString(), in);
    }
  }

  @Test
  void yaml_readsAsMicronautsLoader() throws IOException {
    Path file =
        Files.writeString(
            temp.resolve("consumer.yml"),
            """
            alize:
              consumer:
                data-dir: /var/lib/alize
                repositories:
                  eole-upstream:
                    url: https://models.eole.example:8443
                    mirrors:
                      - https://mirror1.example/alize
                    datasources: [eole]
                    auto-approve: minor
                    poll-interval: 15m
                api:
                  port: 0
                  enabled: true
                  host: ${HOST:127.0.0.1}
                  admins:
                    alice:
                      token-sha256: 35cd82859ca60e8784cd151bc9f090fc0d7f6b0cfb5cde558b487c24cd1467e9
                notifications: {}
            ---
            alize.consumer.database.url: jdbc:h2:./db
            """);
    PropertySource source = ConfigurationFile.read(file);
    assertEquals(micronauts(new YamlPropertySourceLoader(), file), properties(source));
    assertEquals("config:" + file, source.getName());
  }

  @Test
  void properties_readAsMicronautsLoader() throws IOException {
    Path file =
        Files.writeString(
            temp.resolve("consumer.properties"),
            "alize.consumer.data-dir=/var/lib/alize\n"
                + "alize.consumer.repositories.eole.datasources=eole,acme\n"
                + "alize.consumer.api.admins.alice.token-sha256 = 35cd\n");
    assertEquals(
        micronauts(new PropertiesPropertySourceLoader(), file),
        properties(ConfigurationFile.read(file)));
  }

  @Test
  void theEnvironmentOverridesTheFile() throws IOException {
    Path file = Files.writeString(temp.resolve("consumer.yml"), "a: b\n");
    assertTrue(ConfigurationFile.read(file).getOrder() < EnvironmentPropertySource.POSITION);
  }
}
