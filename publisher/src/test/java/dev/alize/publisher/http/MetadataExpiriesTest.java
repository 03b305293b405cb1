package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataExpiriesTest {

  @TempDir Path metadata;

  private MetadataExpiries expiries;

  @BeforeEach
  void create() {
    expiries = new MetadataExpiries(metadata);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(metadata.resolve(name), content);
  }

  private void write(String name, Instant expires) throws IOException {
    write(name, TestRepository.metadata(expires));
  }

  private static OptionalLong seconds(String instant) {
    return OptionalLong.of(Instant.parse(instant).getEpochSecond());
  }

  @Test
  void highestVersion_wins_evenOverAnUnversionedCopy() throws IOException {
    write("2.root.json", Instant.parse("2030-01-31T00:00:00Z"));
    write("10.root.json", Instant.parse("2031-01-31T00:00:00Z"));
    write("root.json", Instant.parse("2029-01-31T00:00:00Z"));
    assertEquals(seconds("2031-01-31T00:00:00Z"), expiries.expiresEpochSeconds("root"));
  }

  @Test
  void newestThatDoesNotParse_isSkipped() throws IOException {
    write("1.targets.json", Instant.parse("2030-01-31T00:00:00Z"));
    write("2.targets.json", "{ not json");
    write("3.targets.json", "{\"signed\":{\"expires\":\"next tuesday\"}}");
    write("4.targets.json", "{\"signed\":{\"expires\":12}}");
    assertEquals(seconds("2030-01-31T00:00:00Z"), expiries.expiresEpochSeconds("targets"));
  }

  @Test
  void unversionedFile_isUsedWhenThereIsNoOther() throws IOException {
    write("timestamp.json", Instant.parse("2026-12-01T00:00:00Z"));
    assertEquals(seconds("2026-12-01T00:00:00Z"), expiries.expiresEpochSeconds("timestamp"));
  }

  @Test
  void otherRolesAndNames_areIgnored() throws IOException {
    write("1.snapshot.json.tmp", Instant.parse("2030-01-31T00:00:00Z"));
    write("1.delegated.json", Instant.parse("2030-01-31T00:00:00Z"));
    assertEquals(OptionalLong.empty(), expiries.expiresEpochSeconds("snapshot"));
  }

  @Test
  void missingFolder_hasNoExpiry() {
    assertEquals(
        OptionalLong.empty(),
        new MetadataExpiries(metadata.resolve("absent")).expiresEpochSeconds("root"));
  }

  @Test
  void changedFile_isReadAgain() throws IOException {
    write("timestamp.json", Instant.parse("2026-12-01T00:00:00Z"));
    assertEquals(seconds("2026-12-01T00:00:00Z"), expiries.expiresEpochSeconds("timestamp"));
    write("timestamp.json", TestRepository.metadata(Instant.parse("2026-12-02T00:00:00Z")) + " ");
    assertEquals(seconds("2026-12-02T00:00:00Z"), expiries.expiresEpochSeconds("timestamp"));
  }
}
