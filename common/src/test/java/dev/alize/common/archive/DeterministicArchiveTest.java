package dev.alize.common.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.datasource.MemorySourceTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class DeterministicArchiveTest {

  private static final String LONG_PATH =
      "models/" + "very-long-directory-name/".repeat(5) + "eole.yaml";

  private static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("services/zephir.yaml", "name: zephir\n".getBytes(UTF_8));
    files.put("models/eole.yaml", "name: eole\n".getBytes(UTF_8));
    files.put(LONG_PATH, "long: true\n".getBytes(UTF_8));
    files.put("datasource.yaml", "version: 1\n".getBytes(UTF_8));
    files.put("empty.yaml", new byte[0]);
    return files;
  }

  private static byte[] archive(Map<String, byte[]> files) {
    return DeterministicArchive.write(new MemorySourceTree("test", files));
  }

  @Test
  void write_givesIdenticalBytesTwice() {
    assertArrayEquals(archive(files()), archive(files()));
  }

  @Test
  void write_ignoresInsertionOrder() {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(files().entrySet());
    Collections.reverse(entries);
    Map<String, byte[]> reversed = new LinkedHashMap<>();
    entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));

    assertArrayEquals(archive(files()), archive(reversed));
  }

  @Test
  void write_changesWhenContentChanges() {
    Map<String, byte[]> changed = files();
    changed.put("models/eole.yaml", "name: eolf\n".getBytes(UTF_8));

    assertFalse(Arrays.equals(archive(files()), archive(changed)));
  }

  @Test
  void write_changesWhenAPathChanges() {
    Map<String, byte[]> changed = files();
    changed.put("models/eole2.yaml", changed.remove("models/eole.yaml"));

    assertFalse(Arrays.equals(archive(files()), archive(changed)));
  }

  @Test
  void write_gzipHeaderHasNoTimeOrName() {
    byte[] bytes = archive(files());

    assertArrayEquals(
        new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0},
        Arrays.copyOf(bytes, 8),
        "magic, deflate, no flags, mtime 0");
  }

  @Test
  void write_sortsEntriesAndNormalisesTheirMetadata() throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GZIPInputStream(new ByteArrayInputStream(archive(files()))))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        names.add(entry.getName());
        assertTrue(entry.isFile(), entry.getName());
        assertEquals(0100644, entry.getMode(), entry.getName());
        assertEquals(0, entry.getModTime().getTime(), entry.getName());
        assertEquals(0, entry.getLongUserId(), entry.getName());
        assertEquals(0, entry.getLongGroupId(), entry.getName());
        assertEquals("", entry.getUserName(), entry.getName());
        assertEquals("", entry.getGroupName(), entry.getName());
        assertArrayEquals(files().get(entry.getName()), tar.readAllBytes(), entry.getName());
      }
    }

    assertEquals(
        List.of(
            "datasource.yaml", "empty.yaml", "models/eole.yaml", LONG_PATH, "services/zephir.yaml"),
        names);
  }

  @Test
  void write_roundTripsThroughSafeArchiveReader() {
    Map<String, byte[]> read =
        new SafeArchiveReader(ArchiveLimits.DEFAULT)
            .read(new ByteArrayInputStream(archive(files())));

    assertEquals(files().keySet(), read.keySet());
    files().forEach((path, content) -> assertArrayEquals(content, read.get(path), path));
  }
}
