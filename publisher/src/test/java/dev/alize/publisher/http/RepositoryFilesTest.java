package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryFilesTest {

  @TempDir Path temp;

  private TestRepository repository;
  private ContentDigests digests;
  private SmallFileCache small;
  private RepositoryFiles files;

  @BeforeEach
  void create() throws IOException {
    repository = TestRepository.create(temp);
    digests = new ContentDigests();
    small = new SmallFileCache();
    files = new RepositoryFiles(repository.repo, digests, small);
  }

  private String etagOf(RepositoryArea area, String path) throws IOException {
    try (RepositoryFile file = files.open(area, path).orElseThrow()) {
      return file.etag();
    }
  }

  private static byte[] read(RepositoryFile file) throws IOException {
    try (InputStream in = file.content()) {
      return in.readAllBytes();
    }
  }

  @Test
  void open_regularFile_hasItsContentSizeAndDigest() throws IOException {
    try (RepositoryFile file =
        files.open(RepositoryArea.TARGETS, TestRepository.TARGET).orElseThrow()) {
      assertEquals(TestRepository.ARCHIVE.length, file.size());
      assertEquals('"' + TestRepository.sha256(TestRepository.ARCHIVE) + '"', file.etag());
      assertEquals(
          TestRepository.sha256(TestRepository.ARCHIVE), TestRepository.sha256(read(file)));
    }
  }

  @Test
  void open_missingFile_isEmpty() throws IOException {
    assertEquals(Optional.empty(), files.open(RepositoryArea.METADATA, "9.root.json"));
  }

  @Test
  void open_folder_isEmpty() throws IOException {
    assertEquals(Optional.empty(), files.open(RepositoryArea.TARGETS, "eole"));
  }

  @Test
  void open_symlinkToAFileOutsideTheFolder_isEmpty() throws IOException {
    assertEquals(Optional.empty(), files.open(RepositoryArea.METADATA, "audit.json"));
    assertEquals(Optional.empty(), files.open(RepositoryArea.METADATA, "outside.json"));
  }

  @Test
  void open_throughASymlinkedFolderPointingOutside_isEmpty() throws IOException {
    assertEquals(Optional.empty(), files.open(RepositoryArea.TARGETS, "eole/escape/outside.txt"));
  }

  @Test
  void open_symlinkInsideTheFolder_isServedUnderTheRequestedName() throws IOException {
    Files.createSymbolicLink(repository.metadata("latest.json"), Path.of("2.root.json"));
    try (RepositoryFile file = files.open(RepositoryArea.METADATA, "latest.json").orElseThrow()) {
      assertEquals("latest.json", file.name());
      assertEquals(CachePolicy.REVALIDATE, file.cachePolicy());
    }
  }

  @Test
  void open_invalidPath_throwsBeforeTouchingTheDisk() {
    assertThrows(
        InvalidRequestPathException.class,
        () -> files.open(RepositoryArea.METADATA, "../audit.log"));
  }

  @Test
  void open_missingAreaFolder_isEmpty() throws IOException {
    RepositoryFiles empty = new RepositoryFiles(temp.resolve("nothing"), new ContentDigests());
    assertEquals(Optional.empty(), empty.open(RepositoryArea.METADATA, "timestamp.json"));
  }

  @Test
  void digest_isComputedOnceForAnUnchangedFile() throws IOException {
    String first = etagOf(RepositoryArea.METADATA, "timestamp.json");
    assertEquals(1, digests.size());
    assertEquals(first, etagOf(RepositoryArea.METADATA, "timestamp.json"));
    assertEquals(1, digests.size());
  }

  @Test
  void digest_followsAFileReplacedByRename_evenWithTheSameSizeAndTime() throws IOException {
    Path timestamp = repository.metadata("timestamp.json");
    String before = etagOf(RepositoryArea.METADATA, "timestamp.json");
    String same = Files.readString(timestamp);
    Path next = repository.metadata(".timestamp.json.tmp");
    // Same length, same modification time: only the file's identity tells them apart.
    Files.writeString(next, same.replace("2026-12-01", "2026-12-02"));
    Files.setLastModifiedTime(next, Files.getLastModifiedTime(timestamp));
    Files.move(
        next, timestamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    String after = etagOf(RepositoryArea.METADATA, "timestamp.json");
    assertNotEquals(before, after);
    assertEquals('"' + TestRepository.sha256(Files.readAllBytes(timestamp)) + '"', after);
  }

  @Test
  void openFile_keepsItsContentAndTag_whenThePathIsReplaced() throws IOException {
    Path timestamp = repository.metadata("timestamp.json");
    byte[] original = Files.readAllBytes(timestamp);
    try (RepositoryFile file =
        files.open(RepositoryArea.METADATA, "timestamp.json").orElseThrow()) {
      Path next = repository.metadata(".next");
      Files.writeString(next, "{\"replaced\":true}");
      Files.move(
          next, timestamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      byte[] served = read(file);
      assertEquals(TestRepository.sha256(original), TestRepository.sha256(served));
      assertEquals('"' + TestRepository.sha256(served) + '"', file.etag());
    }
    assertTrue(
        etagOf(RepositoryArea.METADATA, "timestamp.json")
            .contains(TestRepository.sha256(Files.readAllBytes(timestamp))));
  }

  @Test
  void smallFile_isReadOnce_thenServedFromMemory() throws IOException {
    byte[] timestamp = Files.readAllBytes(repository.metadata("timestamp.json"));
    for (int i = 0; i < 3; i++) {
      try (RepositoryFile file =
          files.open(RepositoryArea.METADATA, "timestamp.json").orElseThrow()) {
        assertArrayEquals(timestamp, read(file));
        assertEquals('"' + TestRepository.sha256(timestamp) + '"', file.etag());
      }
      assertEquals(1, small.size());
    }
  }

  @Test
  void smallFile_replacedByRename_isReadAnew() throws IOException {
    Path timestamp = repository.metadata("timestamp.json");
    etagOf(RepositoryArea.METADATA, "timestamp.json");
    String same = Files.readString(timestamp);
    Path next = repository.metadata(".timestamp.json.tmp");
    // Same length, same modification time: only the file's identity tells them apart.
    Files.writeString(next, same.replace("2026-12-01", "2026-12-02"));
    Files.setLastModifiedTime(next, Files.getLastModifiedTime(timestamp));
    Files.move(
        next, timestamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    try (RepositoryFile file =
        files.open(RepositoryArea.METADATA, "timestamp.json").orElseThrow()) {
      assertArrayEquals(Files.readAllBytes(timestamp), read(file));
      assertEquals('"' + TestRepository.sha256(Files.readAllBytes(timestamp)) + '"', file.etag());
    }
  }

  @Test
  void largeFile_isReadFromTheDisk_notKept() throws IOException {
    byte[] large = new byte[SmallFileCache.MAX_FILE_BYTES + 1];
    Arrays.fill(large, (byte) 'x');
    Files.write(repository.metadata("large.json"), large);
    for (int i = 0; i < 2; i++) {
      try (RepositoryFile file = files.open(RepositoryArea.METADATA, "large.json").orElseThrow()) {
        assertEquals(large.length, file.size());
        assertArrayEquals(large, read(file));
      }
    }
    assertEquals(0, small.size());
  }

  @Test
  void symlinkInsideTheFolder_isKeptUnderItsTarget_andStillChecked() throws IOException {
    Files.createSymbolicLink(repository.metadata("latest.json"), Path.of("2.root.json"));
    byte[] root = Files.readAllBytes(repository.metadata("2.root.json"));
    for (int i = 0; i < 2; i++) {
      try (RepositoryFile file = files.open(RepositoryArea.METADATA, "latest.json").orElseThrow()) {
        assertArrayEquals(root, read(file));
      }
    }
    // Re-pointed outside the folder: refused, though the old target is still kept.
    Files.delete(repository.metadata("latest.json"));
    Files.createSymbolicLink(repository.metadata("latest.json"), repository.outsideFile);
    assertEquals(Optional.empty(), files.open(RepositoryArea.METADATA, "latest.json"));
  }

  @Test
  void repositoryReachedThroughALink_rePointed_servesTheNewFolderOnly() throws IOException {
    Path other = Files.createDirectories(temp.resolve("other/metadata"));
    Files.writeString(other.resolve("timestamp.json"), "{\"other\": true}");
    Path current = Files.createSymbolicLink(temp.resolve("current"), repository.repo);
    RepositoryFiles linked = new RepositoryFiles(current, new ContentDigests(), small);
    try (RepositoryFile file =
        linked.open(RepositoryArea.METADATA, "timestamp.json").orElseThrow()) {
      assertArrayEquals(Files.readAllBytes(repository.metadata("timestamp.json")), read(file));
    }

    Files.delete(current);
    Files.createSymbolicLink(current, other.getParent());

    try (RepositoryFile file =
        linked.open(RepositoryArea.METADATA, "timestamp.json").orElseThrow()) {
      assertArrayEquals(Files.readAllBytes(other.resolve("timestamp.json")), read(file));
    }
    assertEquals(Optional.empty(), linked.open(RepositoryArea.METADATA, "2.root.json"));
  }
}
