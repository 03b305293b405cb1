package dev.alize.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration files: the keys and values read from each format, and each file refused. */
class ConfigurationFilesTest {

  @TempDir Path temp;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static String refused(Path file) {
    ConfigurationFileException e =
        assertThrows(ConfigurationFileException.class, () -> ConfigurationFiles.read(file));
    assertEquals(file, e.file());
    return e.getMessage();
  }

  @Test
  void yaml_nestedMappingsBecomeDottedKeys_andSequencesStayLists() throws IOException {
    Path file =
        write(
            "consumer.yml",
            """
            alize:
              consumer:
                data-dir: /var/lib/alize
                api:
                  port: 8480
                  enabled: false
                repositories:
                  eole:
                    datasources: [eole, acme]
                    poll-interval: 15m
              empty: {}
            alize.consumer.api.admins.alice.token-sha256: abc
            """);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("alize.consumer.data-dir", "/var/lib/alize");
    expected.put("alize.consumer.api.port", 8480);
    expected.put("alize.consumer.api.enabled", false);
    expected.put("alize.consumer.repositories.eole.datasources", List.of("eole", "acme"));
    expected.put("alize.consumer.repositories.eole.poll-interval", "15m");
    expected.put("alize.empty", Map.of());
    expected.put("alize.consumer.api.admins.alice.token-sha256", "abc");
    assertEquals(expected, ConfigurationFiles.read(file));
  }

  @Test
  void yaml_timestampsStayText_forTheApplicationToConvert() throws IOException {
    assertEquals(
        Map.of("a.since", "2026-01-02", "a.at", "2026-01-02T03:04:05Z"),
        ConfigurationFiles.read(
            write("c.yaml", "a:\n  since: 2026-01-02\n  at: 2026-01-02T03:04:05Z\n")));
  }

  @Test
  void yaml_documentsAddUp_andEmptyOnesAreNothing() throws IOException {
    assertEquals(
        Map.of("a", 1, "b", 2),
        ConfigurationFiles.read(write("c.yml", "---\na: 1\n---\n# nothing\n---\nb: 2\n")));
    assertEquals(Map.of(), ConfigurationFiles.read(write("empty.yml", "")));
  }

  @Test
  void yaml_extensionInAnyCase() throws IOException {
    assertEquals(Map.of("a", "b"), ConfigurationFiles.read(write("C.YML", "a: b\n")));
  }

  @Test
  void properties_areReadAsWritten() throws IOException {
    Path file =
        write(
            "publisher.properties",
            "alize.publisher.api.tokens.eole-ci.sha256=9f86\n"
                + "# a comment\n"
                + "alize.publisher.api.tokens.eole-ci.datasources = eole,acme\n");
    assertEquals(
        Map.of(
            "alize.publisher.api.tokens.eole-ci.sha256", "9f86",
            "alize.publisher.api.tokens.eole-ci.datasources", "eole,acme"),
        ConfigurationFiles.read(file));
  }

  @Test
  void anotherExtension_isRefused() throws IOException {
    for (String name :
        new String[] {"publisher.json", "consumer.conf", "yml", "consumer.yml.bak"}) {
      Path file = write(name, "{}");
      assertEquals(
          file + ": a configuration file is YAML (.yml, .yaml) or properties (.properties)",
          refused(file));
    }
  }

  @Test
  void anAbsentFile_isRefused() {
    Path file = temp.resolve("absent.yml");
    assertEquals(file + ": no such configuration file", refused(file));
  }

  @Test
  void aFolder_isRefused() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("folder.yml"));
    assertTrue(
        refused(folder).startsWith("cannot read the configuration file " + folder + ": "),
        folder::toString);
  }

  @Test
  void brokenYaml_isRefusedWithWhereInOneLine() throws IOException {
    Path file = write("consumer.yml", "alize: [unclosed\n");
    String message = refused(file);
    assertTrue(message.startsWith("cannot read the configuration file " + file + ": "), message);
    assertTrue(message.contains("(line 2, column 1)"), message);
    assertEquals(1, message.lines().count(), message);
  }

  @Test
  void yamlThatIsNotKeysAndValues_isRefused() throws IOException {
    for (String text : new String[] {"- a\n- b\n", "just text\n", "a: 1\n---\n- b\n"}) {
      Path file = write("list.yml", text);
      assertEquals(
          "cannot read the configuration file "
              + file
              + ": a document is not a mapping of keys to values",
          refused(file));
    }
  }

  @Test
  void yamlTagsThatMakeObjects_areRefused() throws IOException {
    Path file = write("evil.yml", "a: !!java.io.File [/etc/passwd]\n");
    assertTrue(refused(file).startsWith("cannot read the configuration file " + file + ": "));
  }

  @Test
  void yamlAliasBombs_areRefused() throws IOException {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 60; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    Path file = write("bomb.yml", yaml.toString());
    assertTrue(refused(file).startsWith("cannot read the configuration file " + file + ": "));
  }

  @Test
  void brokenProperties_areRefused() throws IOException {
    Path file = write("c.properties", "a=\\uZZZZ\n");
    assertTrue(refused(file).startsWith("cannot read the configuration file " + file + ": "));
  }
}
