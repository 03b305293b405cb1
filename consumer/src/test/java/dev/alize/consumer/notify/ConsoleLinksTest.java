package dev.alize.consumer.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.tuf.RootRotation;
import dev.alize.consumer.config.ConfigurationException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleLinksTest {

  private static ConsoleLinks console(String url) {
    return ConsoleLinks.from(URI.create(url)).orElseThrow();
  }

  @Test
  void pagesAreUnderTheConsolesUrl() {
    ConsoleLinks console = console("https://alize.site.example:8480/console");

    assertEquals("https://alize.site.example:8480/console/conflicts", console.conflicts());
    assertEquals("https://alize.site.example:8480/console/conflicts/12", console.conflict(12));
    assertEquals(
        "https://alize.site.example:8480/console/held/eole/2.0.0", console.held("eole", "2.0.0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://alize.site.example:8480/console/",
        "https://alize.site.example:8480/console//",
        "HTTPS://alize.site.example:8480/console"
      })
  void aTrailingSlashOrACapitalSchemeIsTolerated(String url) {
    assertTrue(
        console(url)
            .conflicts()
            .equalsIgnoreCase("https://alize.site.example:8480/console/conflicts"),
        console(url).conflicts());
  }

  @Test
  void aConsoleAtTheRootOfItsHost() {
    assertEquals("http://127.0.0.1:8480/conflicts", console("http://127.0.0.1:8480").conflicts());
    assertEquals("http://127.0.0.1:8480/conflicts", console("http://127.0.0.1:8480/").conflicts());
  }

  @Test
  void noUrlMeansNoLinks() {
    assertEquals(Optional.empty(), ConsoleLinks.from(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/console",
        "alize.site.example/console",
        "//alize.site.example/console",
        "ftp://alize.site.example/console",
        "mailto:admins@site.example",
        "https:/console",
        "https://alize.site.example/console?tab=conflicts",
        "https://alize.site.example/console#conflicts",
        "https://alize.site.example/console?",
        "https://admin@alize.site.example/console",
      })
  void aUrlThatIsNotTheConsolesAddress_isRefusedNamingTheKey(String url) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ConsoleLinks.from(URI.create(url)));

    assertTrue(
        e.getMessage().startsWith("alize.consumer.notifications.console-url: "), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://admin:s3cret-pw@alize.site.example/console",
        "ftp://admin:s3cret-pw@alize.site.example/console?x"
      })
  void credentialsInTheUrl_areRefusedWithoutRepeatingThem(String url) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> ConsoleLinks.from(URI.create(url)));

    assertEquals(
        "alize.consumer.notifications.console-url: write no credentials in the URL; admins sign"
            + " in to the console with a token",
        e.getMessage());
    assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "eole|eole",
        "eole-2.8_x~y|eole-2.8_x~y",
        "eole/extra|eole%2Fextra",
        "eole tools|eole%20tools",
        "2.0.0+build.5|2.0.0%2Bbuild.5",
        "éole|%C3%A9ole",
        "a?b#c%d|a%3Fb%23c%25d",
        "..|..",
      })
  void aSegmentKeepsOnlyUnreservedCharacters(String text, String segment) {
    assertEquals(segment, ConsoleLinks.segment(text));
  }

  @Test
  void heldPage_encodesTheDatasourceAndTheVersionEachAsOneSegment() {
    assertEquals(
        "https://alize.site.example/console/held/eole%2Fextra%20tools/2.0.0%2Bbuild.5",
        console("https://alize.site.example/console/").held("eole/extra tools", "2.0.0+build.5"));
  }

  @Test
  void aNoticesPage_isTheConflictsOrTheHeldRelease_andNoneForARotation() {
    ConsoleLinks console = console("https://alize.site.example/console");

    assertEquals(
        Optional.of("https://alize.site.example/console/conflicts"),
        console.findPage(Notices.sample()));
    assertEquals(
        Optional.of("https://alize.site.example/console/conflicts"),
        console.findPage(
            new ImportNotice("rollback", "r", "eole", "2.0.0", "1.0.0", null, 0, 0, null)));
    assertEquals(
        Optional.of("https://alize.site.example/console/held/eole/2.0.0"),
        console.findPage(ImportNotice.held("r", "eole", "1.4.0", "2.0.0", "MAJOR")));
    assertEquals(
        Optional.empty(),
        console.findPage(ImportNotice.rotation("r", new RootRotation(1, 2, List.of()))));
  }
}
