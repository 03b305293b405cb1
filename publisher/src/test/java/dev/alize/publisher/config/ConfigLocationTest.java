package dev.alize.publisher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    Path byDefault = Files.writeString(temp.resolve("publisher.yml"), "");
    Path given = temp.resolve("given.yml");
    Map<String, String> named = Map.of(ConfigLocation.VARIABLE, "/srv/alize/publisher.yml");
    assertEquals(Optional.of(given), ConfigLocation.find(given, named, byDefault));
    assertEquals(
        Optional.of(Path.of("/srv/alize/publisher.yml")),
        ConfigLocation.find(null, named, byDefault));
    assertEquals(Optional.of(byDefault), ConfigLocation.find(null, Map.of(), byDefault));
  }

  @Test
  void withoutAnyOfThem_thereIsNone() {
    Path absent = temp.resolve("absent.yml");
    assertEquals(Optional.empty(), ConfigLocation.find(null, Map.of(), absent));
    assertEquals(
        Optional.empty(), ConfigLocation.find(null, Map.of(ConfigLocation.VARIABLE, " "), absent));
  }
}
