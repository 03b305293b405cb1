package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.consumer.store.ConflictStore;
import dev.alize.consumer.store.StoredConflict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conflict pages' models, without a server: the filter, the list and one conflict's sides. */
class ConflictPagesTest {

  private static final Instant AT = Instant.parse("2027-03-01T09:00:00Z");

  private static StoredConflict conflict(
      long id, String child, String kind, String severity, String status, Map<String, String> d) {
    return new StoredConflict(
        id,
        1,
        child,
        kind,
        "proxy_cache_mb",
        severity,
        status,
        "why",
        d,
        "eole",
        "1.2.0",
        "1.2.0",
        AT,
        AT,
        null,
        AT,
        null,
        null);
  }

  @Test
  void anEmptyFilterKeepsTheOpenConflicts() {
    ConflictFilter filter = ConflictFilter.of(null, "", null, "");

    assertTrue(filter.isValid());
    assertEquals("open", filter.status());
    assertEquals(ConflictStore.Status.OPEN, filter.storeStatus());
    assertTrue(filter.matches(conflict(1, "a", "end-of-support", "information", "open", Map.of())));
  }

  @Test
  void aFilterKeepsItsSeverityDatasourceAndChild() {
    ConflictFilter filter = ConflictFilter.of("warning", "all", "eole", "amon-a");
    List<StoredConflict> all =
        List.of(
            conflict(1, "amon-a", "default-changed", "warning", "open", Map.of()),
            conflict(2, "amon-b", "default-changed", "warning", "open", Map.of()),
            conflict(3, "amon-a", "end-of-support", "information", "resolved", Map.of()));

    ConflictList list = ConflictList.of(filter, all, List.of("eole"), List.of("amon-c"));

    assertEquals(ConflictStore.Status.ALL, filter.storeStatus());
    assertEquals(List.of(1L), list.conflicts().stream().map(StoredConflict::id).toList());
    assertEquals(1, list.open());
    assertEquals(List.of("amon-a", "amon-b", "amon-c"), list.children());
    assertEquals(List.of("blocking", "warning", "information"), list.severities());
  }

  @Test
  void aFilterThatCannotBeOneNamesEachFieldAndListsNothing() {
    ConflictFilter filter = ConflictFilter.of("urgent", "gone", "../x", "a b");
    ConflictList list =
        ConflictList.of(
            filter,
            List.of(conflict(1, "a", "default-changed", "warning", "open", Map.of())),
            List.of(),
            List.of());

    assertFalse(filter.isValid());
    assertEquals(
        "unknown severity 'urgent': use blocking, warning, information",
        filter.problem("severity"));
    assertEquals(
        "unknown status 'gone': use open, acknowledged, resolved, all", filter.problem("status"));
    assertTrue(filter.problem("datasource").startsWith("invalid datasource name '../x'"));
    assertTrue(filter.problem("child").startsWith("invalid "), filter.problem("child"));
    assertEquals(4, filter.problemList().size());
    assertEquals(List.of(), list.conflicts());
  }

  @Test
  void aChangedDefaultShowsUpstreamBeforeAndNowBesideTheOverride() {
    ConflictView view =
        ConflictView.of(
            conflict(
                1,
                "a",
                "default-changed",
                "warning",
                "acknowledged",
                Map.of("old", "4000", "new", "8000", "override", "6000")));

    assertEquals(
        List.of(
            new ConflictView.Side("old-upstream", "Upstream before", "4000", null),
            new ConflictView.Side("new-upstream", "Upstream now", "8000", null),
            new ConflictView.Side("override", "The child's override", "6000", null)),
        view.sides());
    assertEquals(List.of(), view.facts());
    assertTrue(view.settleable());
    assertTrue(view.aboutOverride());
    assertTrue(view.takesValue());
  }

  @Test
  void aRemovedVariableCanOnlyLoseItsOverride() {
    ConflictView view =
        ConflictView.of(
            conflict(1, "a", "variable-removed", "blocking", "open", Map.of("override", "8081")));

    assertEquals("8081", view.sides().get(2).value());
    assertEquals("no longer has the variable", view.sides().get(1).note());
    assertTrue(view.aboutOverride());
    assertFalse(view.takesValue());
  }

  @Test
  void anEndOfSupportHasNoSidesButItsFactsAndNoActionOnceResolved() {
    ConflictView view =
        ConflictView.of(
            conflict(
                1,
                "a",
                "end-of-support",
                "information",
                "resolved",
                Map.of("status", "supported", "end-of-support", "2026-12-31")));

    assertEquals(List.of(), view.sides());
    assertEquals(
        List.of(
            new ConflictView.Fact("end-of-support", "2026-12-31"),
            new ConflictView.Fact("status", "supported")),
        view.facts());
    assertFalse(view.settleable());
    assertFalse(view.aboutOverride());
  }

  @Test
  void aRefusedFormPutsEachProblemBesideItsField() {
    ConflictForm form =
        ConflictForm.refused(
            "999999",
            "c",
            "refused",
            List.of("set.proxy_cache_mb: too big", "comment: too long", "set.filter_port: gone"),
            "set.proxy_cache_mb",
            "comment");

    assertEquals(List.of("set.proxy_cache_mb: too big"), form.valueProblems());
    assertEquals(List.of("comment: too long"), form.commentProblems());
    assertEquals(3, form.problems().size());
  }
}
