package dev.alize.common.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelegatedRoleTest {

  @Test
  void isDelegatedPath_starMatchesFileOfItsDirectory() {
    assertTrue(paths("eole/*").isDelegatedPath("eole/eole-1.0.0.tar.gz"));
  }

  @Test
  void isDelegatedPath_starDoesNotMatchDeeperPath() {
    assertFalse(paths("eole/*").isDelegatedPath("eole/sub/x"));
  }

  @Test
  void isDelegatedPath_starDoesNotMatchTheDirectoryItself() {
    assertFalse(paths("eole/*").isDelegatedPath("eole"));
  }

  @Test
  void isDelegatedPath_suffixPatternMatchesTopLevelFileOnly() {
    DelegatedRole role = paths("*.tar.gz");

    assertTrue(role.isDelegatedPath("eole-1.0.0.tar.gz"));
    assertFalse(role.isDelegatedPath("eole/eole-1.0.0.tar.gz"));
    assertFalse(role.isDelegatedPath("eole-1.0.0.tar.gz.sig"));
  }

  @Test
  void isDelegatedPath_questionMarkMatchesExactlyOneCharacter() {
    DelegatedRole role = paths("eole-?.tar.gz");

    assertTrue(role.isDelegatedPath("eole-1.tar.gz"));
    assertFalse(role.isDelegatedPath("eole-10.tar.gz"));
    assertFalse(role.isDelegatedPath("eole-.tar.gz"));
  }

  @Test
  void isDelegatedPath_questionMarkDoesNotMatchSlash() {
    assertFalse(paths("eole?x").isDelegatedPath("eole/x"));
  }

  @Test
  void isDelegatedPath_anyPatternOfTheListMatches() {
    DelegatedRole role = paths("other/*", "eole/*");

    assertTrue(role.isDelegatedPath("eole/eole-1.0.0.tar.gz"));
    assertFalse(role.isDelegatedPath("hors/hors-1.0.0.tar.gz"));
  }

  /** The cases of python-tuf's test_is_target_in_pathpattern. */
  @ParameterizedTest(name = "{1} matches {0}: {2}")
  @CsvSource({
    "foo.tgz, foo.tgz, true",
    "foo.tgz, *, true",
    "foo.tgz, *.tgz, true",
    "foo-version-a.tgz, foo-version-?.tgz, true",
    "targets/foo.tgz, targets/*.tgz, true",
    "foo/bar/zoo/k.tgz, foo/bar/zoo/*, true",
    "foo/bar/zoo/k.tgz, foo/*/zoo/*, true",
    "foo/bar/zoo/k.tgz, */*/*/*, true",
    "foo/bar, f?o/bar, true",
    "foo/bar, *o/bar, true",
    "targets/foo.tgz, *.tgz, false",
    "/foo.tgz, *.tgz, false",
    "targets/foo.tgz, *, false",
    "foo-version-alpha.tgz, foo-version-?.tgz, false",
    "foo//bar, */bar, false",
    "foo/bar, f?/bar, false",
  })
  void isDelegatedPath_agreesWithPythonTuf(String target, String pattern, boolean expected) {
    assertEquals(expected, paths(pattern).isDelegatedPath(target));
  }

  @Test
  void isDelegatedPath_hashPrefixMatchesSha256OfPath() throws Exception {
    String hash = sha256Hex("a/path");
    DelegatedRole role = prefixes("ffff", hash.substring(0, 9));

    // python-tuf's test_is_delegated_role gives the same prefix.
    assertTrue(hash.startsWith("927b0ecf9"), hash);
    assertTrue(role.isDelegatedPath("a/path"));
    assertFalse(role.isDelegatedPath("a/non-matching path"));
  }

  @Test
  void isDelegatedPath_hashPrefixOfAnotherPathDoesNotMatch() throws Exception {
    String other = sha256Hex("eole/eole-1.0.0.tar.gz");
    String mine = sha256Hex("hors/hors-1.0.0.tar.gz");
    int length = 1;
    while (mine.startsWith(other.substring(0, length))) {
      length++;
    }

    assertFalse(prefixes(other.substring(0, length)).isDelegatedPath("hors/hors-1.0.0.tar.gz"));
    assertTrue(prefixes(other.substring(0, length)).isDelegatedPath("eole/eole-1.0.0.tar.gz"));
  }

  private static DelegatedRole paths(String... patterns) {
    return new DelegatedRole("eole", List.of(), 1, false, List.of(patterns), null);
  }

  private static DelegatedRole prefixes(String... prefixes) {
    return new DelegatedRole("bin", List.of(), 1, false, null, List.of(prefixes));
  }

  private static String sha256Hex(String path) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8)));
  }
}
