package dev.alize.consumer.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.tuf.RootRotation;
import java.util.List;
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

  @Test
  void refusesAnUnknownKind() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImportNotice("upgrade", "r", "eole", null, "1.0.0", null, 0, 0, null));
  }
}
