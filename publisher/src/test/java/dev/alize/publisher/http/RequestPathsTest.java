package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        ".",
        "../audit.log",
        "a/../b.json",
        "..\\audit.log",
        "a\\b.json",
        "%2e%2e%2faudit.log",
        "/etc/passwd",
        "",
        ".hidden.json",
        ".timestamp.json.tmp",
        "a//b.json",
        "a/",
        "C:audit.log",
        "audit.log\u0000.json",
        "time stamp.json",
        "-rf.json",
        "eole/x.json"
      })
  void metadata_refusesAnythingButOnePlainName(String path) {
    assertThrows(
        InvalidRequestPathException.class,
        () -> RequestPaths.segments(RepositoryArea.METADATA, path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"timestamp.json", "1.root.json", "12.targets.json", "root.json"})
  void metadata_acceptsRoleFileNames(String path) {
    assertEquals(List.of(path), RequestPaths.segments(RepositoryArea.METADATA, path));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"eole/../../audit.log", "eole/./x.tar.gz", "/eole/x.tar.gz", "a/b/c/d/e/f/g/h/i"})
  void targets_refuseTraversalAbsolutePathsAndDepth(String path) {
    assertThrows(
        InvalidRequestPathException.class,
        () -> RequestPaths.segments(RepositoryArea.TARGETS, path));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "eole/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.eole-2.9.0.tar.gz",
        "acme-monitoring/acme-monitoring-1.0.0+build.7.tar.gz"
      })
  void targets_acceptDatasourceArchives(String path) {
    assertEquals(List.of(path.split("/")), RequestPaths.segments(RepositoryArea.TARGETS, path));
  }

  @ParameterizedTest
  @ValueSource(ints = {256, 1025})
  void overlongNames_areRefused(int length) {
    String path = "a".repeat(length);
    assertThrows(
        InvalidRequestPathException.class,
        () -> RequestPaths.segments(RepositoryArea.TARGETS, path));
  }
}
