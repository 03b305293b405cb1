package dev.alize.publisher.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A repository folder written as plain files: metadata with only what the server reads (an {@code
 * expires}), one target, and secrets beside and outside it that must never be served.
 */
public final class TestRepository {

  public static final String SECRET = "SECRET-audit-line-never-served";
  public static final String OUTSIDE_SECRET = "SECRET-outside-the-repository";

  public static final Instant ROOT_EXPIRES = Instant.parse("2030-01-31T00:00:00Z");
  public static final Instant TARGETS_EXPIRES = Instant.parse("2029-06-30T12:00:00Z");
  public static final Instant SNAPSHOT_EXPIRES = Instant.parse("2027-03-01T00:00:00Z");
  public static final Instant TIMESTAMP_EXPIRES = Instant.parse("2026-12-01T00:00:00Z");

  public static final byte[] ARCHIVE =
      "not really gzip, but bytes to serve".getBytes(StandardCharsets.UTF_8);
  public static final String TARGET = "eole/" + sha256(ARCHIVE) + ".eole-2.9.0.tar.gz";

  public final Path repo;
  public final Path outsideFile;

  private TestRepository(Path repo, Path outsideFile) {
    this.repo = repo;
    this.outsideFile = outsideFile;
  }

  /** Writes the repository into {@code dir}/repo, and a secret file beside it. */
  public static TestRepository create(Path dir) throws IOException {
    Path repo = dir.resolve("repo");
    Path metadata = Files.createDirectories(repo.resolve("metadata"));
    Path targets = Files.createDirectories(repo.resolve("targets/eole"));
    write(metadata.resolve("1.root.json"), metadata(Instant.parse("2027-01-01T00:00:00Z")));
    write(metadata.resolve("2.root.json"), metadata(ROOT_EXPIRES));
    write(metadata.resolve("root.json"), metadata(ROOT_EXPIRES));
    write(metadata.resolve("1.targets.json"), metadata(TARGETS_EXPIRES));
    write(metadata.resolve("1.snapshot.json"), metadata(SNAPSHOT_EXPIRES));
    write(metadata.resolve("timestamp.json"), metadata(TIMESTAMP_EXPIRES));
    Files.write(repo.resolve("targets").resolve(TARGET), ARCHIVE);
    write(targets.resolve("NOTES.txt"), "an unversioned file\n");
    write(repo.resolve("audit.log"), SECRET + "\n");
    Path outside = dir.resolve("outside.txt");
    write(outside, OUTSIDE_SECRET + "\n");
    Files.createSymbolicLink(metadata.resolve("audit.json"), Path.of("../audit.log"));
    Files.createSymbolicLink(metadata.resolve("outside.json"), outside.toAbsolutePath());
    Files.createSymbolicLink(targets.resolve("escape"), dir.toAbsolutePath());
    return new TestRepository(repo, outside);
  }

  public static String metadata(Instant expires) {
    return "{\"signed\":{\"_type\":\"test\",\"expires\":\"" + expires + "\"},\"signatures\":[]}";
  }

  public Path metadata(String name) {
    return repo.resolve("metadata").resolve(name);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
