package dev.alize.consumer.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.tuf.RootRotation;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ImportNoticeTest {

  @Test
  void jsonRoundTrips() {
    ImportNotice notice = Notices.sample();

    assertEquals(notice, ImportNotice.fromJson(notice.toJson()));
  }

  @Test
  void jsonOfAFirstImportWithoutConflictsRoundTrips() {
    ImportNotice first =
        new ImportNotice(
            ImportNotice.IMPORT,
            "upstream",
            "eole",
            null,
            "1.0.0",
            new ImportNotice.Counts(7, 0, 0, 0, 0),
            0,
            0,
            List.of());

    ImportNotice back = ImportNotice.fromJson(first.toJson());

    assertEquals(first, back);
    assertEquals(null, back.fromVersion());
  }

  @Test
  void jsonNamesEveryFieldAndCarriesTheSubjectForReceivers() throws Exception {
    JsonNode json = new ObjectMapper().readTree(Notices.sample().toJson());

    assertEquals("import", json.get("kind").asText());
    assertEquals("eole", json.get("datasource").asText());
    assertEquals("1.0.0", json.get("fromVersion").asText());
    assertEquals("2.0.0", json.get("toVersion").asText());
    assertEquals(3, json.get("counts").get("removed").asInt());
    assertEquals(12, json.get("conflicts").get(0).get("id").asLong());
    assertEquals("default-changed", json.get("conflicts").get(0).get("kind").asText());
    assertEquals(Notices.sample().subject(), json.get("subject").asText());
  }

  @Test
  void fromJsonIgnoresFieldsItDoesNotKnowAndRefusesWhatIsNotANotice() {
    String json = Notices.sample().toJson().replaceFirst("\\{", "{\"addedLater\":true,");

    assertEquals(Notices.sample(), ImportNotice.fromJson(json));
    assertThrows(IllegalArgumentException.class, () -> ImportNotice.fromJson("{not json"));
    assertThrows(IllegalArgumentException.class, () -> ImportNotice.fromJson("{\"kind\":\"x\"}"));
    assertThrows(IllegalArgumentException.class, () -> ImportNotice.fromJson("null"));
  }

  @Test
  void subjectSaysDatasourceVersionsAndConflictsBySeverity() {
    assertEquals(
        "Alizé: eole 1.0.0 → 2.0.0 imported, 1 blocking conflict, 1 warning, 1 for information",
        Notices.sample().subject());
    ImportNotice one =
        new ImportNotice(
            "import",
            "upstream",
            "eole",
            "1.0.0",
            "2.0.0",
            null,
            1,
            0,
            List.of(Notices.sample().conflicts().get(0)));
    assertEquals("Alizé: eole 1.0.0 → 2.0.0 imported, 1 blocking conflict", one.subject());
    ImportNotice first = new ImportNotice("import", "r", "eole", null, "1.0.0", null, 0, 0, null);
    assertEquals("Alizé: eole 1.0.0 imported, no open conflict", first.subject());
    ImportNotice rollback =
        new ImportNotice("rollback", "r", "eole", "2.0.0", "1.0.0", null, 0, 0, null);
    assertEquals("Alizé: eole 2.0.0 → 1.0.0 rolled back, no open conflict", rollback.subject());
  }

  @Test
  void subjectIsOneLineWhateverTheVersionsHold() {
    ImportNotice odd =
        new ImportNotice(
            "import", "r", "eole", null, "1.0.0\r\nBcc: x@example.org", null, 0, 0, null);

    assertFalse(odd.subject().contains("\n") || odd.subject().contains("\r"), odd.subject());
  }

  @Test
  void textSaysVersionsCountsAndConflictsGroupedBySeverityWithIds() {
    String text = Notices.sample().text();

    assertTrue(text.contains("Datasource:   eole"), text);
    assertTrue(text.contains("Old version:  1.0.0"), text);
    assertTrue(text.contains("New version:  2.0.0"), text);
    assertTrue(text.contains("2 added, 1 changed, 3 removed, 5 unchanged, 1 withdrawn"), text);
    assertTrue(text.contains("2 raised, 1 closed, 3 open"), text);
    int blocking = text.indexOf("Blocking (1):");
    int warning = text.indexOf("Warning (1):");
    int information = text.indexOf("Information (1):");
    assertTrue(blocking > 0 && blocking < warning && warning < information, text);
    assertTrue(text.indexOf("#12") > blocking && text.indexOf("#12") < warning, text);
    assertTrue(text.indexOf("#14") > warning && text.indexOf("#14") < information, text);
    assertTrue(text.indexOf("#15") > information, text);
    assertTrue(text.contains("default-changed  eole-proxy.port"), text);
    assertTrue(text.contains("consumer conflicts --config FILE"), text);
  }

  @Test
  void textOfAFirstImportSaysThereWasNoOldVersion() {
    String text = new ImportNotice("import", "r", "eole", null, "1.0.0", null, 0, 0, null).text();

    assertTrue(text.contains("Old version:  none (first import)"), text);
    assertTrue(text.contains("No conflict is open"), text);
  }

  @Test
  void aHeldRelease_saysWhyAndHowToApprove_andReadsBackFromItsJson() {
    ImportNotice held =
        ImportNotice.held(
            "upstream", "eole", "1.4.0", "2.0.0", "MAJOR release 2.0.0 needs an admin's approval");

    assertEquals("Alizé: eole 1.4.0 → 2.0.0 held for an admin's approval", held.subject());
    String text = held.text();
    assertTrue(text.contains("Installed:    1.4.0"), text);
    assertTrue(text.contains("Held:         2.0.0"), text);
    assertTrue(text.contains("Reason:       MAJOR release 2.0.0 needs an admin's approval"), text);
    assertTrue(text.contains("consumer approve eole 2.0.0 --config FILE"), text);
    assertEquals(held, ImportNotice.fromJson(held.toJson()));
    assertTrue(held.toJson().contains("\"kind\":\"held\""), held.toJson());
    // An import's payload carries no reason.
    assertFalse(Notices.sample().toJson().contains("reason"), Notices.sample().toJson());
  }

  @Test
  void aRootRotation_namesTheRepositoryTheVersionsAndTheRolesWithNewKeys() {
    ImportNotice rotation =
        ImportNotice.rotation("upstream", new RootRotation(1, 3, List.of("targets", "timestamp")));

    assertEquals(
        "Alizé: upstream root metadata 1 → 3, new keys for targets, timestamp", rotation.subject());
    assertTrue(
        rotation
            .text()
            .startsWith(
                "Alizé followed a rotation of the root metadata of the repository upstream, from"
                    + " version 1 to 3: new keys for targets, timestamp."),
        rotation.text());
    assertEquals(rotation, ImportNotice.fromJson(rotation.toJson()));
    assertEquals(
        "Alizé: upstream root metadata 1 → 2, the same keys",
        ImportNotice.rotation("upstream", new RootRotation(1, 2, List.of())).subject());
  }

  private static final ConsoleLinks CONSOLE =
      ConsoleLinks.from(URI.create("https://alize.site.example:8480/console/")).orElseThrow();

  @Test
  void textWithTheConsole_linksEachConflictUnderItsLine_andTheListAtTheEnd() {
    String text = Notices.sample().text(CONSOLE);

    assertEquals(
        """
        Alizé imported version 2.0.0 of the datasource eole.

        Datasource:   eole
        Repository:   upstream
        Old version:  1.0.0
        New version:  2.0.0
        Models:       2 added, 1 changed, 3 removed, 5 unchanged, 1 withdrawn
        Conflicts:    2 raised, 1 closed, 3 open

        Blocking (1):
          #12  amon-lycee  default-changed  eole-proxy.port
              the upstream default changed from 3128 to 8080 under the override 3130
              https://alize.site.example:8480/console/conflicts/12

        Warning (1):
          #14  amon-lycee  service-removed  eole-dhcp
              the parent no longer runs eole-dhcp
              https://alize.site.example:8480/console/conflicts/14

        Information (1):
          #15  scribe-college  release-end-of-support  2.8.1
              release 2.8.1 reaches its end of support on 2025-06-30
              https://alize.site.example:8480/console/conflicts/15

        Review them with: consumer conflicts --config FILE
        Review them in the console: https://alize.site.example:8480/console/conflicts
        """,
        text);
    assertEquals(Notices.sample().text(), withoutLinks(text), "the rest as without a console");
  }

  @Test
  void textWithoutTheConsole_hasNoLink() {
    assertFalse(Notices.sample().text().contains("http"), Notices.sample().text());
    assertFalse(Notices.sample().text().contains("console:"), Notices.sample().text());
  }

  @Test
  void textOfAnImportWithoutConflicts_hasNoLink() {
    ImportNotice none = new ImportNotice("import", "r", "eole", null, "1.0.0", null, 0, 0, null);

    assertEquals(none.text(), none.text(CONSOLE));
  }

  @Test
  void heldTextWithTheConsole_linksItsPage_withTheNamesEncoded() {
    ImportNotice held =
        ImportNotice.held("upstream", "eole/extra tools", "1.4.0", "2.0.0+build.5", "MAJOR");

    String text = held.text(CONSOLE);

    assertTrue(
        text.endsWith(
            "Approve it with: consumer approve eole/extra tools 2.0.0+build.5 --config FILE\n"
                + "Preview and approve it in the console:"
                + " https://alize.site.example:8480/console/held/eole%2Fextra%20tools/2.0.0%2Bbuild.5\n"),
        text);
    assertEquals(held.text(), withoutLinks(text));
    assertFalse(held.text().contains("console"), held.text());
  }

  @Test
  void rotationTextWithTheConsole_isTheSame() {
    ImportNotice rotation =
        ImportNotice.rotation("upstream", new RootRotation(1, 2, List.of("targets")));

    assertEquals(rotation.text(), rotation.text(CONSOLE));
  }

  @Test
  void jsonWithTheConsole_hasAUrlOnEachConflictAndOneToTheList_andIsOtherwiseAsStored()
      throws Exception {
    String stored = Notices.sample().toJson();

    JsonNode linked = MAPPER.readTree(Notices.sample().toJson(stored, CONSOLE));

    assertEquals("https://alize.site.example:8480/console/conflicts", linked.get("url").asText());
    for (int i = 0; i < 3; i++) {
      JsonNode line = linked.get("conflicts").get(i);
      assertEquals(
          "https://alize.site.example:8480/console/conflicts/" + line.get("id").asLong(),
          line.get("url").asText());
    }
    assertEquals(MAPPER.readTree(stored), withoutUrls(linked));
    assertFalse(stored.contains("\"url\""), stored);
  }

  @Test
  void jsonWithTheConsole_keepsTheStoredOrderAndFieldsItDoesNotKnow() {
    String stored = Notices.sample().toJson().replaceFirst("\\{", "{\"addedLater\":true,");

    String linked = Notices.sample().toJson(stored, CONSOLE);

    assertTrue(linked.startsWith("{\"addedLater\":true,\"kind\":\"import\","), linked);
    assertTrue(
        linked.endsWith(",\"url\":\"https://alize.site.example:8480/console/conflicts\"}"), linked);
  }

  @Test
  void jsonOfAHeldReleaseWithTheConsole_linksItsPage_withTheNamesEncoded() throws Exception {
    ImportNotice held =
        ImportNotice.held("upstream", "éole tools", "1.4.0", "2.0.0+build.5", "MAJOR");

    JsonNode linked = MAPPER.readTree(held.toJson(held.toJson(), CONSOLE));

    assertEquals(
        "https://alize.site.example:8480/console/held/%C3%A9ole%20tools/2.0.0%2Bbuild.5",
        linked.get("url").asText());
    assertEquals(MAPPER.readTree(held.toJson()), withoutUrls(linked));
  }

  @Test
  void jsonOfARotationWithTheConsole_isAsStored() {
    ImportNotice rotation = ImportNotice.rotation("upstream", new RootRotation(1, 2, List.of()));

    assertEquals(rotation.toJson(), rotation.toJson(rotation.toJson(), CONSOLE));
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The text without the lines that carry a link to the console. */
  private static String withoutLinks(String text) {
    return text.lines()
            .filter(line -> !line.contains("https://alize.site.example"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static JsonNode withoutUrls(JsonNode json) {
    JsonNode copy = json.deepCopy();
    ((ObjectNode) copy).remove("url");
    copy.path("conflicts").forEach(line -> ((ObjectNode) line).remove("url"));
    return copy;
  }

  @Test
  void refusesAnUnknownKind() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImportNotice("upgrade", "r", "eole", null, "1.0.0", null, 0, 0, null));
  }
}
