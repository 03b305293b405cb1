package dev.alize.common.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeArchiveReaderTest {

  private static final byte[] YAML = "name: eole\n".getBytes(UTF_8);
  private static final long GIB = 1L << 30;

  @TempDir static Path temp;
  private static Path bomb;

  @BeforeAll
  static void writeBomb() throws IOException {
    bomb = temp.resolve("bomb.tar.gz");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bomb))) {
      TarBuilder.writeZeros(out, "bomb.bin", GIB);
    }
  }

  private static Map<String, byte[]> read(byte[] archive) {
    return read(archive, ArchiveLimits.DEFAULT);
  }

  private static Map<String, byte[]> read(byte[] archive, ArchiveLimits limits) {
    return new SafeArchiveReader(limits).read(new ByteArrayInputStream(archive));
  }

  private static ArchiveException refused(byte[] archive) {
    return refused(archive, ArchiveLimits.DEFAULT);
  }

  private static ArchiveException refused(byte[] archive, ArchiveLimits limits) {
    return assertThrows(ArchiveException.class, () -> read(archive, limits));
  }

  private static void assertRefused(ArchiveException e, String entry, String message) {
    assertEquals(entry, e.entry());
    assertEquals(message, e.getMessage());
  }

  @Test
  void read_returnsFilesInArchiveOrder() throws IOException {
    byte[] archive = new TarBuilder().file("b.yaml", YAML).file("a/c.yaml", new byte[0]).build();

    Map<String, byte[]> files = read(archive);

    assertEquals(List.of("b.yaml", "a/c.yaml"), List.copyOf(files.keySet()));
    assertArrayEquals(YAML, files.get("b.yaml"));
    assertArrayEquals(new byte[0], files.get("a/c.yaml"));
  }

  @Test
  void read_skipsDirectoryEntries() throws IOException {
    byte[] archive = new TarBuilder().directory("models/").file("models/eole.yaml", YAML).build();

    assertEquals(List.of("models/eole.yaml"), List.copyOf(read(archive).keySet()));
  }

  @Test
  void read_removesDotSlashPrefixes() throws IOException {
    byte[] archive =
        new TarBuilder().file("./models/eole.yaml", YAML).file("././datasource.yaml", YAML).build();

    assertEquals(
        List.of("models/eole.yaml", "datasource.yaml"), List.copyOf(read(archive).keySet()));
  }

  /** What {@code tar -czf x.tar.gz -C dir .} writes: "./" first, then "./" before every name. */
  @Test
  void read_acceptsArchiveOfCurrentDirectory() throws IOException {
    byte[] archive =
        new TarBuilder()
            .directory("./")
            .directory("./models/")
            .file("./models/eole.yaml", YAML)
            .build();

    assertEquals(List.of("models/eole.yaml"), List.copyOf(read(archive).keySet()));
  }

  @Test
  void read_refusesAbsolutePath() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("/etc/cron.d/evil", YAML).build()),
        "/etc/cron.d/evil",
        "entry '/etc/cron.d/evil': absolute or empty paths are not allowed");
  }

  @Test
  void read_refusesWindowsDrivePath() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("C:/evil", YAML).build()),
        "C:/evil",
        "entry 'C:/evil': absolute or empty paths are not allowed");
  }

  @Test
  void read_refusesBackslash() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("..\\evil", YAML).build()),
        "..\\evil",
        "entry '..\\evil': absolute or empty paths are not allowed");
  }

  @Test
  void read_refusesParentDirectory() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("../x", YAML).build()),
        "../x",
        "entry '../x': paths may not contain '..', '.' or empty parts");
  }

  @Test
  void read_refusesParentDirectoryInTheMiddle() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("a/../../x", YAML).build()),
        "a/../../x",
        "entry 'a/../../x': paths may not contain '..', '.' or empty parts");
  }

  @Test
  void read_refusesParentDirectoryInDirectoryEntry() throws IOException {
    assertRefused(
        refused(new TarBuilder().directory("../outside/").build()),
        "../outside/",
        "entry '../outside/': paths may not contain '..', '.' or empty parts");
  }

  @Test
  void read_refusesEmptyPathPart() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("a//x", YAML).build()),
        "a//x",
        "entry 'a//x': paths may not contain '..', '.' or empty parts");
  }

  @Test
  void read_refusesControlCharacterInPath() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("a\nb", YAML).build()),
        "a\nb",
        "entry 'a\nb': control characters are not allowed in paths");
  }

  @Test
  void read_refusesSymlink() throws IOException {
    assertRefused(
        refused(new TarBuilder().symlink("models", "/etc").build()),
        "models",
        "entry 'models': links are not allowed");
  }

  @Test
  void read_refusesHardLink() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("a.yaml", YAML).hardLink("b.yaml", "a.yaml").build()),
        "b.yaml",
        "entry 'b.yaml': links are not allowed");
  }

  @Test
  void read_refusesCharacterDevice() throws IOException {
    assertRefused(
        refused(new TarBuilder().special("null", TarConstants.LF_CHR).build()),
        "null",
        "entry 'null': devices and pipes are not allowed");
  }

  @Test
  void read_refusesBlockDevice() throws IOException {
    assertRefused(
        refused(new TarBuilder().special("sda", TarConstants.LF_BLK).build()),
        "sda",
        "entry 'sda': devices and pipes are not allowed");
  }

  @Test
  void read_refusesFifo() throws IOException {
    assertRefused(
        refused(new TarBuilder().special("pipe", TarConstants.LF_FIFO).build()),
        "pipe",
        "entry 'pipe': devices and pipes are not allowed");
  }

  @Test
  void read_refusesDuplicatePath() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("a.yaml", YAML).file("a.yaml", new byte[1]).build()),
        "a.yaml",
        "entry 'a.yaml': appears twice in the archive");
  }

  @Test
  void read_refusesDuplicatePathSpelledDifferently() throws IOException {
    assertRefused(
        refused(new TarBuilder().file("a.yaml", YAML).file("./a.yaml", new byte[1]).build()),
        "a.yaml",
        "entry 'a.yaml': appears twice in the archive");
  }

  @Test
  void read_refusesMoreEntriesThanTheLimit() throws IOException {
    byte[] archive = new TarBuilder().file("a", YAML).file("b", YAML).file("c", YAML).build();

    assertRefused(refused(archive, new ArchiveLimits(2, 100, 1000)), null, "more than 2 entries");
  }

  @Test
  void read_countsDirectoriesAsEntries() throws IOException {
    byte[] archive = new TarBuilder().directory("a/").directory("b/").file("c", YAML).build();

    assertRefused(refused(archive, new ArchiveLimits(2, 100, 1000)), null, "more than 2 entries");
  }

  @Test
  void read_acceptsEntriesAndBytesAtTheLimits() throws IOException {
    byte[] archive = new TarBuilder().file("a", new byte[100]).file("b", new byte[100]).build();

    assertEquals(2, read(archive, new ArchiveLimits(2, 100, 200)).size());
  }

  @Test
  void read_refusesEntryLargerThanTheLimit() throws IOException {
    assertRefused(
        refused(
            new TarBuilder().file("big", new byte[101]).build(), new ArchiveLimits(10, 100, 1000)),
        "big",
        "entry 'big': larger than 100 bytes");
  }

  @Test
  void read_refusesTotalAboveTheLimit() throws IOException {
    byte[] archive =
        new TarBuilder()
            .file("a", new byte[100])
            .file("b", new byte[100])
            .file("c", new byte[51])
            .build();

    assertRefused(
        refused(archive, new ArchiveLimits(10, 100, 250)),
        "c",
        "entry 'c': the archive unpacks to more than 250 bytes");
  }

  @Test
  void read_stopsGzipBombAtEntryLimit() throws IOException {
    assertTrue(Files.size(bomb) < 4 << 20, "1 GiB of zeros compresses to " + Files.size(bomb));

    ArchiveException e =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readBomb(ArchiveLimits.DEFAULT));

    assertRefused(e, "bomb.bin", "entry 'bomb.bin': larger than 1048576 bytes");
  }

  @Test
  void read_stopsGzipBombAtTotalLimit() {
    ArchiveLimits limits = new ArchiveLimits(10, Integer.MAX_VALUE, 8 << 20);

    ArchiveException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readBomb(limits));

    assertRefused(
        e, "bomb.bin", "entry 'bomb.bin': the archive unpacks to more than 8388608 bytes");
  }

  private static ArchiveException readBomb(ArchiveLimits limits) throws IOException {
    try (InputStream in = Files.newInputStream(bomb)) {
      return assertThrows(ArchiveException.class, () -> new SafeArchiveReader(limits).read(in));
    }
  }

  @Test
  void read_refusesBytesThatAreNotGzip() {
    ArchiveException e = refused("PK\u0003\u0004 not a tar.gz".getBytes(UTF_8));

    assertRefused(e, null, "not a gzip stream, or a damaged one: Not in GZIP format");
  }

  @Test
  void read_refusesPlainTar() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      out.finish();
    }

    assertRefused(
        refused(tar.toByteArray()),
        null,
        "not a gzip stream, or a damaged one: Not in GZIP format");
  }

  @Test
  void read_refusesEmptyInput() {
    ArchiveException e = refused(new byte[0]);

    assertNull(e.entry());
    assertEquals("the archive is truncated", e.getMessage());
  }

  @Test
  void read_refusesTruncatedGzip() throws IOException {
    byte[] archive = new TarBuilder().file("a.yaml", new byte[64 << 10]).build();

    ArchiveException e = refused(Arrays.copyOf(archive, archive.length / 2));

    assertNull(e.entry());
    assertEquals("the archive is truncated", e.getMessage());
  }

  @Test
  void read_refusesGzipOfSomethingElseThanTar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("x".repeat(2048).getBytes(UTF_8));
    }

    ArchiveException e = refused(bytes.toByteArray());

    assertNull(e.entry());
    assertTrue(e.getMessage().startsWith("not a readable tar.gz archive: "), e.getMessage());
  }

  /** A tar header block of {@code type} declaring {@code size}, with its checksum. */
  private static byte[] header(String name, char type, long size) {
    byte[] block = new byte[512];
    byte[] n = name.getBytes(UTF_8);
    System.arraycopy(n, 0, block, 0, n.length);
    put(block, 100, String.format("%07o", 0644));
    put(block, 108, String.format("%07o", 0));
    put(block, 116, String.format("%07o", 0));
    put(block, 124, String.format("%011o", size));
    put(block, 136, String.format("%011o", 0));
    block[156] = (byte) type;
    put(block, 257, "ustar");
    block[263] = '0';
    block[264] = '0';
    Arrays.fill(block, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    put(block, 148, String.format("%06o", sum));
    block[154] = 0;
    return block;
  }

  private static void put(byte[] block, int at, String text) {
    byte[] bytes = text.getBytes(UTF_8);
    System.arraycopy(bytes, 0, block, at, bytes.length);
  }

  /** A gzip of {@code header} followed by {@code dataBytes} bytes of 'a'. */
  private static byte[] gzipped(byte[] header, int dataBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(header);
      byte[] a = new byte[dataBytes];
      Arrays.fill(a, (byte) 'a');
      gzip.write(a);
    }
    return bytes.toByteArray();
  }

  @Test
  void read_refusesPaxHeaderClaimingAGibibyte_beforeReadingIt() throws IOException {
    byte[] archive = gzipped(header("././@PaxHeader", 'x', GIB), 1 << 20);

    ArchiveException e = refused(archive);

    assertNull(e.entry());
    assertEquals(
        "a tar metadata entry (type x) claims 1073741824 bytes, more than 65536", e.getMessage());
  }

  @Test
  void read_refusesGnuLongNameOfHalfAGibibyte_beforeReadingIt() throws IOException {
    byte[] archive = gzipped(header("././@LongLink", 'L', 512L << 20), 600 << 10);

    ArchiveException e = refused(archive);

    assertEquals(
        "a tar metadata entry (type L) claims 536870912 bytes, more than 65536", e.getMessage());
  }

  @Test
  void read_acceptsAnOrdinaryPaxHeader() throws IOException {
    String record = "32 path=models/a-long-name.yaml\n";
    byte[] pax = record.getBytes(UTF_8);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    tar.write(header("././@PaxHeader", 'x', pax.length));
    tar.write(Arrays.copyOf(pax, 512));
    tar.write(header("short", '0', YAML.length));
    tar.write(Arrays.copyOf(YAML, 512));
    tar.write(new byte[1024]);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(tar.toByteArray());
    }

    assertEquals(
        List.of("models/a-long-name.yaml"), List.copyOf(read(bytes.toByteArray()).keySet()));
  }

  @Test
  void read_refusesADamagedGzipTrailer() throws IOException {
    byte[] archive = new TarBuilder().file("a.yaml", YAML).build();
    // The trailer's CRC-32 is in the last eight bytes, before the length.
    archive[archive.length - 8] ^= 0x01;

    ArchiveException e = refused(archive);

    assertNull(e.entry());
    assertTrue(e.getMessage().startsWith("not a gzip stream, or a damaged one: "), e.getMessage());
  }

  @Test
  void read_refusesAWrongLengthInTheGzipTrailer() throws IOException {
    byte[] archive = new TarBuilder().file("a.yaml", YAML).build();
    archive[archive.length - 4] ^= 0x01;

    ArchiveException e = refused(archive);

    assertTrue(e.getMessage().startsWith("not a gzip stream, or a damaged one: "), e.getMessage());
  }
}
