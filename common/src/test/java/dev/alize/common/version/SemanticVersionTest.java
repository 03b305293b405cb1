package dev.alize.common.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

  @Test
  void parse_readsMajorMinorPatch() {
    assertEquals(new SemanticVersion(1, 2, 3, null), SemanticVersion.parse("1.2.3"));
  }

  @Test
  void parse_readsZeros() {
    assertEquals(new SemanticVersion(0, 0, 0, null), SemanticVersion.parse("0.0.0"));
  }

  @Test
  void parse_readsBuild() {
    SemanticVersion v = SemanticVersion.parse("10.20.30+build.7");

    assertEquals(new SemanticVersion(10, 20, 30, "build.7"), v);
    assertEquals("10.20.30+build.7", v.toString());
  }

  @Test
  void parse_readsNineDigitNumbers() {
    assertEquals(
        new SemanticVersion(999999999, 0, 1, null), SemanticVersion.parse("999999999.0.1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2",
        "01.2.3",
        "1.02.3",
        "1.2.03",
        "1.2.3-rc1",
        "v1.2.3",
        "",
        "1.2.3+",
        "1.2.3+a..b",
        "1..3",
        "1.2.3.4",
        " 1.2.3",
        "1.2.3\n",
        "-1.2.3",
        "1234567890.0.0"
      })
  void parse_refusesOtherForms(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SemanticVersion.parse(text));

    assertEquals(
        "'" + text + "' is not a version: write MAJOR.MINOR.PATCH, as 2.9.0", e.getMessage());
    assertEquals(Optional.empty(), SemanticVersion.find(text));
  }

  @Test
  void parse_messageNamesTheText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SemanticVersion.parse("1.2.3-rc1"));

    assertEquals("'1.2.3-rc1' is not a version: write MAJOR.MINOR.PATCH, as 2.9.0", e.getMessage());
  }

  @Test
  void new_refusesNegativeNumbers() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SemanticVersion(1, -1, 0, null));

    assertEquals("version numbers are never negative", e.getMessage());
  }

  @Test
  void compareTo_ordersNumericallyNotAsText() {
    List<SemanticVersion> versions = new ArrayList<>();
    for (String s : List.of("1.10.0", "2.0.0", "1.2.10", "0.9.9", "1.2.9", "1.9.0")) {
      versions.add(SemanticVersion.parse(s));
    }
    versions.sort(null);

    assertEquals(
        List.of("0.9.9", "1.2.9", "1.2.10", "1.9.0", "1.10.0", "2.0.0"),
        versions.stream().map(SemanticVersion::toString).toList());
  }

  @Test
  void compareTo_ignoresBuild() {
    SemanticVersion a = SemanticVersion.parse("1.2.3+a");
    SemanticVersion b = SemanticVersion.parse("1.2.3+b");

    assertEquals(0, a.compareTo(b));
    assertEquals(0, a.compareTo(SemanticVersion.parse("1.2.3")));
    assertTrue(a.compareTo(SemanticVersion.parse("1.2.4")) < 0);
    // The build is kept for people, so equal order is not equality.
    assertNotEquals(a, b);
  }

  @ParameterizedTest
  @CsvSource({
    "1.9.9, 2.0.0, MAJOR",
    "1.5.7, 2.0.0, MAJOR",
    "1.9.9, 3.1.2, MAJOR",
    "1.2.9, 1.3.0, MINOR",
    "1.2.3, 1.4.0, MINOR",
    "1.2.3, 1.2.4, PATCH",
    "1.2.3+b1, 1.2.4, PATCH",
    "1.2.3, 1.2.3, NONE",
    "1.2.3+b1, 1.2.3+b2, NONE",
    "1.2.3, 1.2.2, NONE",
    "2.0.0, 1.9.9, NONE"
  })
  void bumpFrom_namesTheLargestPartThatMoved(String previous, String next, Bump expected) {
    assertEquals(expected, SemanticVersion.parse(next).bumpFrom(SemanticVersion.parse(previous)));
  }

  @ParameterizedTest
  @CsvSource({
    "1.2.3, MAJOR, 2.0.0",
    "1.2.3, MINOR, 1.3.0",
    "1.2.3, PATCH, 1.2.4",
    "1.2.3, NONE, 1.2.4",
    "1.2.3+build.7, MINOR, 1.3.0",
    "0.0.0, PATCH, 0.0.1"
  })
  void next_isTheSmallestVersionCarryingTheBump(String from, Bump bump, String expected) {
    SemanticVersion next = SemanticVersion.parse(from).next(bump);

    assertEquals(SemanticVersion.parse(expected), next);
    assertEquals(bump == Bump.NONE ? Bump.PATCH : bump, next.bumpFrom(SemanticVersion.parse(from)));
  }
}
