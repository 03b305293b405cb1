package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content type and caching by file name: what a client may keep, and for how long. */
class FileKindsTest {

  private static final String HASH =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @CsvSource({
    "timestamp.json, application/json",
    "7.snapshot.json, application/json",
    "x.tar.gz, application/gzip",
    "X.TGZ, application/gzip",
    "notes.txt, application/octet-stream",
    "json, application/octet-stream"
  })
  void contentType_followsTheExtension(String name, String type) {
    assertEquals(type, ContentTypes.of(name));
  }

  @ParameterizedTest
  @CsvSource({
    "timestamp.json, REVALIDATE",
    "root.json, REVALIDATE",
    "snapshot.json, REVALIDATE",
    "1.root.json, IMMUTABLE",
    "42.targets.json, IMMUTABLE",
    "1.json, REVALIDATE",
    "v1.root.json, REVALIDATE"
  })
  void metadata_versionedNamesAreImmutable(String name, CachePolicy policy) {
    assertEquals(policy, RepositoryArea.METADATA.cachePolicy(name));
  }

  @ParameterizedTest
  @CsvSource({
    HASH + ".eole-2.9.0.tar.gz, IMMUTABLE",
    "eole-2.9.0.tar.gz, REVALIDATE",
    "0123.eole-2.9.0.tar.gz, REVALIDATE",
    "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF.x.tar.gz, REVALIDATE"
  })
  void targets_hashNamedFilesAreImmutable(String name, CachePolicy policy) {
    assertEquals(policy, RepositoryArea.TARGETS.cachePolicy(name));
  }

  @ParameterizedTest
  @CsvSource({"REVALIDATE, no-cache", "IMMUTABLE, 'public, max-age=31536000, immutable'"})
  void cacheControl(CachePolicy policy, String header) {
    assertEquals(header, policy.cacheControl());
  }
}
