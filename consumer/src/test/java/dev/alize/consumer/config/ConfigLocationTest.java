package dev.alize.consumer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocationTest {

  @TempDir Path temp;

  @Test
  void theFlagWins_thenTheVariable_thenTheDefaultFile() throws IOException {
    Path byDefault = Files.writeString(temp.resolve("consumer.yml"), "");
    Path given = temp.resolve("given.yml");
    Map<String, String> named = Map.of(ConfigLocation.VARIABLE, "/srv/alize/consumer.yml");
    assertEquals(Optional.of(given), ConfigLocation.find(given, named, byDefault));
    assertEquals(
        Optional.of(Path.of("/srv/alize/consumer.yml")),
        ConfigLocation.find(null, named, byDefault));
    assertEquals(
        Optional.of(byDefault),
        ConfigLocation.find(null, Map.of("ALIZE_CONSUMER_DATA_DIR", "/var"), byDefault));
  }

  @Test
  void withoutAFile_theKeyVariablesAloneAreTheConfiguration() {
    Path absent = temp.resolve("absent.yml");
    assertEquals(
        Optional.empty(),
        ConfigLocation.find(null, Map.of("ALIZE_CONSUMER_DATA_DIR", "/var/lib/alize"), absent));
  }

  @Test
  void withNothing_theErrorNamesEveryPlace() {
    Path absent = temp.resolve("absent.yml");
    for (Map<String, String> environment :
        java.util.List.of(
            Map.<String, String>of(),
            Map.of("ALIZE_LOG_LEVEL", "INFO"),
            Map.of(ConfigLocation.VARIABLE, ""))) {
      ConfigurationException e =
          assertThrows(
              ConfigurationException.class, () -> ConfigLocation.find(null, environment, absent));
      assertEquals(
          "no configuration: give --config FILE, name the file in ALIZE_CONSUMER_CONFIG, write "
              + absent
              + ", or set the ALIZE_CONSUMER_... environment variables",
          e.getMessage());
    }
  }
}
