package dev.alize.common.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.version.Bump;
import dev.alize.common.version.SemanticVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReleaseFactsTest {

  private static final Instant RELEASED = Instant.parse("2026-03-02T09:30:00Z");

  private static ReleaseFacts facts(ChangeSummary changes) {
    return new ReleaseFacts(
        "eole",
        SemanticVersion.parse("2.0.0"),
        Channel.STABLE,
        RELEASED,
        Classification.STANDARD,
        null,
        changes,
        null);
  }

  /** Any JSON, floating-point numbers included, as a damaged target could hold. */
  private static JsonNode json(String text) throws JsonProcessingException {
    return new ObjectMapper().readTree(text);
  }

  /** {@code n} model paths, in reverse order, so that listing them must sort them. */
  private static List<String> models(String release, int n) {
    List<String> paths =
        new ArrayList<>(
            IntStream.range(0, n)
                .mapToObj(i -> String.format(Locale.ROOT, "%s/model-%04d", release, i))
                .toList());
    Collections.reverse(paths);
    return paths;
  }

  @Test
  void changeSummary_ofMoreThanAHundredModels_listsTheFirstHundredSortedAndCountsAll() {
    List<String> changed = models("2.9.0", 250);
    ChangeSummary summary =
        ChangeSummary.of("1.0.0", Bump.PATCH, List.of("2.9.0/zephir"), List.of(), changed);

    assertEquals(ChangeSummary.LISTED, summary.modelsChanged().size());
    assertEquals(changed.stream().sorted().limit(100).toList(), summary.modelsChanged());
    assertEquals("2.9.0/model-0000", summary.modelsChanged().get(0));
    assertEquals(250, summary.modelsChangedCount());
    assertEquals(List.of("2.9.0/zephir"), summary.modelsAdded());
    assertEquals(1, summary.modelsAddedCount());
    assertEquals(List.of(), summary.modelsRemoved());
    assertEquals(0, summary.modelsRemovedCount());
  }

  @Test
  void changeSummary_ofAtMostAHundredModels_listsThemAll() {
    ChangeSummary summary =
        ChangeSummary.of(null, Bump.NONE, models("2.8.1", 100), List.of(), List.of());

    assertEquals(models("2.8.1", 100).stream().sorted().toList(), summary.modelsAdded());
    assertEquals(100, summary.modelsAddedCount());
  }

  @Test
  void changeSummary_countBelowTheModelsListed_isRefused() {
    List<String> two = List.of("2.9.0/amon", "2.9.0/scribe");
    assertThrows(
        IllegalArgumentException.class,
        () -> new ChangeSummary(null, Bump.NONE, two, List.of(), List.of(), 1, 0, 0));
  }

  @Test
  void toJson_carriesTheCountsAndFromJsonReadsThemBack() {
    ReleaseFacts facts =
        facts(
            ChangeSummary.of("1.0.0", Bump.MAJOR, List.of(), models("2.9.0", 3), models("x", 120)));

    ObjectNode json = facts.toJson();
    JsonNode changes = json.get("changes");
    assertEquals(0, changes.get("models_added_count").intValue());
    assertEquals(3, changes.get("models_removed_count").intValue());
    assertEquals(120, changes.get("models_changed_count").intValue());
    assertEquals(100, changes.get("models_changed").size());
    assertEquals(facts, ReleaseFacts.fromJson(json));
  }

  @Test
  void fromJson_factsWithoutCounts_countTheModelsListed() throws JsonProcessingException {
    // As publishers wrote them before the counts: every model listed.
    JsonNode json =
        json(
            """
            {"datasource":"eole","version":"2.0.0","channel":"stable",
             "released":"2026-03-02T09:30:00Z","classification":"standard",
             "changes":{"previous_version":"1.0.0","bump":"MAJOR",
              "models_added":["2.9.0/zephir"],"models_removed":["2.9.0/eclair"],
              "models_changed":["2.8.1/scribe","2.9.0/amon","2.9.0/scribe"]}}
            """);

    ChangeSummary changes = ReleaseFacts.fromJson(json).changes();

    assertEquals(List.of("2.9.0/zephir"), changes.modelsAdded());
    assertEquals(1, changes.modelsAddedCount());
    assertEquals(1, changes.modelsRemovedCount());
    assertEquals(3, changes.modelsChangedCount());
    assertEquals("1.0.0", changes.previousVersion());
    ObjectNode written = ReleaseFacts.fromJson(json).toJson();
    assertTrue(written.get("changes").has("models_changed_count"));
    assertFalse(written.has("deprecated"));
    assertFalse(written.has("rollout"));
    assertFalse(written.has("rejected"));
  }

  @Test
  void json_roundTrips_aRolloutPlanAndARejection() {
    ReleaseFacts facts =
        facts(ChangeSummary.of("1.0.0", Bump.MINOR, List.of(), List.of(), List.of()))
            .withRollout(RolloutPlan.parse("5%,100% every 1d", RELEASED).halt("bad", RELEASED))
            .withRejection(new ReleaseFacts.Rejection("breaks DHCP", RELEASED.plusSeconds(5)));

    ReleaseFacts read = ReleaseFacts.fromJson(facts.toJson());

    assertEquals(facts, read);
    assertTrue(read.halted());
  }

  @Test
  void fromJson_aTimeThatIsNotOne_namesTheField() throws JsonProcessingException {
    JsonNode json =
        json(
            """
            {"datasource":"eole","version":"2.0.0","channel":"stable",
             "released":"yesterday","classification":"standard",
             "changes":{"bump":"PATCH","models_added":[],"models_removed":[],"models_changed":[]}}
            """);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReleaseFacts.fromJson(json));
    assertTrue(e.getMessage().contains("'released'"), e.getMessage());
  }

  @Test
  void fromJson_countBelowTheModelsListedOrNotAnInteger_namesTheField()
      throws JsonProcessingException {
    for (String count : List.of("0", "1.5", "\"3\"", "-1")) {
      JsonNode json =
          json(
              """
              {"datasource":"eole","version":"2.0.0","channel":"stable",
               "released":"2026-03-02T09:30:00Z","classification":"standard",
               "changes":{"bump":"PATCH","models_added":[],"models_removed":[],
                "models_changed":["2.9.0/amon"],"models_changed_count":%s}}
              """
                  .formatted(count));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ReleaseFacts.fromJson(json));
      assertTrue(e.getMessage().contains("'models_changed_count'"), e::getMessage);
    }
  }
}
