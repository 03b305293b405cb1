package dev.alize.common.conflict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConflictValuesTest {

  @Test
  void severity_wireNames() {
    assertEquals(
        List.of("blocking", "warning", "information"),
        Arrays.stream(Severity.values()).map(Severity::wireName).toList());
    for (Severity severity : Severity.values()) {
      assertEquals(Optional.of(severity), Severity.find(severity.wireName()));
    }
    assertEquals(Optional.empty(), Severity.find("BLOCKING"));
    assertEquals(Optional.empty(), Severity.find(null));
  }

  @Test
  void conflictKind_wireNamesAndSeverities() {
    Map<String, Severity> expected = new LinkedHashMap<>();
    expected.put("parent-withdrawn", Severity.BLOCKING);
    expected.put("variable-removed", Severity.BLOCKING);
    expected.put("override-invalid", Severity.BLOCKING);
    expected.put("service-removed", Severity.BLOCKING);
    expected.put("default-changed", Severity.WARNING);
    expected.put("end-of-support", Severity.INFORMATION);
    Map<String, Severity> actual = new LinkedHashMap<>();
    for (ConflictKind kind : ConflictKind.values()) {
      actual.put(kind.wireName(), kind.severity());
      assertEquals(Optional.of(kind), ConflictKind.find(kind.wireName()));
    }
    assertEquals(expected, actual);
    assertEquals(Optional.empty(), ConflictKind.find("PARENT_WITHDRAWN"));
    assertEquals(Optional.empty(), ConflictKind.find(null));
  }

  @Test
  void modelRef_roundTrips() {
    ModelRef ref = ModelRef.parse("eole/2.9/amon");
    assertEquals(new ModelRef("eole", "2.9", "amon"), ref);
    assertEquals("eole/2.9/amon", ref.toString());
  }

  @Test
  void modelRef_refusesAnythingButThreeParts() {
    for (String text :
        new String[] {"", "eole", "eole/2.9", "eole//amon", "/2.9/amon", "eole/2.9/", "a/b/c/d"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ModelRef.parse(text), text);
      assertTrue(e.getMessage().contains("'" + text + "'"), e::getMessage);
      assertTrue(e.getMessage().contains("DATASOURCE/RELEASE/MODEL"), e::getMessage);
    }
    assertThrows(IllegalArgumentException.class, () -> ModelRef.parse(null));
    assertThrows(IllegalArgumentException.class, () -> new ModelRef("eole", "2/9", "amon"));
    assertThrows(IllegalArgumentException.class, () -> new ModelRef("eole", null, "amon"));
  }

  @Test
  void childModel_sortsOverridesAndServices() {
    ChildModel child =
        new ChildModel(
            "c",
            Upstream.AMON,
            List.of(new ChildOverride("b", "1", null), new ChildOverride("a", "2", "3")),
            List.of("z", "y"),
            List.of("k", "j"),
            "1.0.0",
            List.of("proxy", "dns"));
    assertEquals(
        List.of("a", "b"), child.overrides().stream().map(ChildOverride::variable).toList());
    assertEquals(List.of("y", "z"), child.addedServices());
    assertEquals(List.of("j", "k"), child.removedServices());
    assertEquals(List.of("proxy", "dns"), child.reconciledServices(), "the parent's order");
    assertEquals(Optional.of(new ChildOverride("a", "2", "3")), child.findOverride("a"));
    assertEquals(Optional.empty(), child.findOverride("c"));
  }

  @Test
  void childModel_refusesTwoOverridesOfOneVariable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ChildModel(
                    "c",
                    Upstream.AMON,
                    List.of(new ChildOverride("a", "1", null), new ChildOverride("a", "2", null)),
                    List.of(),
                    List.of(),
                    null,
                    List.of()));
    assertEquals("variable 'a' is overridden more than once", e.getMessage());
  }

  @Test
  void conflict_severityFromKindAndSortedDetails() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("override", "3129");
    details.put("old", "8080");
    details.put("new", "8081");
    Conflict conflict =
        new Conflict("c", ConflictKind.DEFAULT_CHANGED, "proxy_port", "Message.", details);
    assertEquals(Severity.WARNING, conflict.severity());
    assertEquals(List.of("new", "old", "override"), List.copyOf(conflict.details().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> conflict.details().put("x", "y"));
    details.put("x", "y");
    assertEquals(3, conflict.details().size(), "a copy");
  }
}
