package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.DeterministicArchive;
import dev.alize.common.yaml.YamlLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A release archive loaded a part at a time gives exactly the models the whole datasource gives,
 * whatever the part size, finds the models others extend however YAML spells it, and refuses what
 * the whole loader refuses.
 */
class ArchiveLoaderTest {

  /** The demo datasource with models extending its base in every spelling YAML allows. */
  private static Map<String, byte[]> files() {
    Map<String, String> text = new LinkedHashMap<>(DemoDatasource.FILES);
    text.put(
        "servermodels/1.0/quoted.yaml",
        "name: quoted\nrelease: \"1.0\"\nextends: \"gateway\"\nservices: [web]\n");
    text.put(
        "servermodels/1.0/flow.yaml",
        "{name: flow, release: \"1.0\", extends: gateway, services: [web]}\n");
    text.put(
        "servermodels/1.0/quoted-key.yaml",
        "name: quoted-key\nrelease: \"1.0\"\n\"extends\": base\nservices: [web]\n");
    // YAML's escapes spell the key, or the parent's name, without the letters themselves.
    text.put(
        "servermodels/1.0/escaped-key.yaml",
        "name: escaped-key\nrelease: \"1.0\"\n\"\\x65xtends\": base\nservices: [web]\n");
    text.put(
        "servermodels/1.0/escaped-name.yaml",
        "name: escaped-name\nrelease: \"1.0\"\nextends: \"b\\x61se\"\nservices: [web]\n");
    text.put(
        "servermodels/1.0/said.yaml",
        "name: said\nrelease: \"1.0\"\ndescription: it extends nothing, unlike others\n"
            + "services: [web]\n");
    text.put(
        "servermodels/1.0/commented.yaml",
        "name: commented\nrelease: \"1.0\"\nextends: base # the base\nservices: [web]\n");
    for (int i = 0; i < 40; i++) {
      text.put(
          "servermodels/1.0/m" + i + ".yaml",
          "name: m"
              + i
              + "\nrelease: \"1.0\"\n"
              + (i % 3 == 0 ? "extends: gateway\n" : "")
              + "services: [web, dns]\nvariables:\n  workers: "
              + (1 + i % 60)
              + "\n");
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    text.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return bytes;
  }

  /** Every model loaded, none known already. */
  private static ArchiveLoader.Parts parts(Consumer<List<ArchiveLoader.Loaded>> each) {
    return new ArchiveLoader.Parts() {
      @Override
      public boolean known(ArchiveLoader.Source source) {
        return false;
      }

      @Override
      public void part(List<ArchiveLoader.Loaded> models) {
        each.accept(models);
      }
    };
  }

  private static ArchiveLoader loader(byte[] archive, long partBytes) {
    return loader(archive, partBytes, 0, new int[1]);
  }

  /** A loader that holds at most {@code heldBytes}, counting in {@code opened} its readings. */
  private static ArchiveLoader loader(
      byte[] archive, long partBytes, long heldBytes, int[] opened) {
    return new ArchiveLoader(
        "demo.tar.gz",
        () -> {
          opened[0]++;
          return new ByteArrayInputStream(archive);
        },
        ArchiveLimits.DEFAULT,
        YamlLimits.DEFAULT,
        partBytes,
        heldBytes);
  }

  private static Map<String, String> hashes(Datasource d) {
    Map<String, String> out = new TreeMap<>();
    d.models()
        .forEach((r, models) -> models.forEach((n, m) -> out.put(r + "/" + n, m.contentHash())));
    return out;
  }

  @Test
  void everyPartSizeGivesTheModelsOfTheWholeDatasource() {
    Map<String, byte[]> files = files();
    byte[] archive = DeterministicArchive.write(new MemorySourceTree("demo", files));
    Map<String, String> whole =
        hashes(new DatasourceLoader().load(new MemorySourceTree("demo", files)).orThrow());
    for (long partBytes : new long[] {1, 200, 2_000, 1 << 20}) {
      // Held: none, some then none past the limit, all.
      for (long heldBytes : new long[] {0, 300, Long.MAX_VALUE}) {
        assertLoadsTheWhole(
            archive, whole, partBytes, heldBytes, heldBytes == Long.MAX_VALUE ? 1 : 3);
      }
    }
  }

  @Test
  void theArchiveIsReadOnceWhenItsModelFilesFitTheBytesHeld() {
    Map<String, byte[]> files = files();
    byte[] archive = archive(files);
    Map<String, String> whole =
        hashes(new DatasourceLoader().load(new MemorySourceTree("demo", files)).orThrow());
    long modelBytes =
        files.entrySet().stream()
            .filter(e -> e.getKey().startsWith("servermodels/"))
            .mapToLong(e -> e.getValue().length)
            .sum();
    assertLoadsTheWhole(archive, whole, 500, modelBytes, 1);
    assertLoadsTheWhole(archive, whole, 500, modelBytes - 1, 3);

    // A frame that let go of its held files reads the models from the archive again.
    int[] opened = {0};
    ArchiveLoader loader = loader(archive, 500, Long.MAX_VALUE, opened);
    ArchiveLoader.Frame frame = loader.frame();
    assertEquals(1, opened[0]);
    assertEquals(null, frame.withoutHeld().held());
    Map<String, String> parts = new TreeMap<>();
    loader.models(
        frame.withoutHeld(),
        parts(
            part ->
                part.forEach(
                    l ->
                        parts.put(
                            l.model().release() + "/" + l.model().name(),
                            l.model().contentHash()))));
    assertEquals(whole, parts);
    assertEquals(2, opened[0], "read again for the models");
  }

  /** Loads the archive as parts, and reads it {@code readings} times. */
  private static void assertLoadsTheWhole(
      byte[] archive, Map<String, String> whole, long partBytes, long heldBytes, int readings) {
    int[] opened = {0};
    ArchiveLoader loader = loader(archive, partBytes, heldBytes, opened);
    ArchiveLoader.Frame frame = loader.frame();
    assertEquals("demo", frame.datasource().name());
    assertEquals(0, frame.datasource().modelCount());
    assertEquals(whole.size(), frame.models());
    Map<String, String> parts = new TreeMap<>();
    List<Integer> sizes = new ArrayList<>();
    loader.models(
        frame,
        parts(
            part -> {
              sizes.add(part.size());
              part.forEach(
                  l ->
                      parts.put(
                          l.model().release() + "/" + l.model().name(), l.model().contentHash()));
            }));
    String what = "part size " + partBytes + ", held " + heldBytes;
    assertEquals(whole, parts, what);
    if (partBytes == 1) {
      assertEquals(whole.size(), sizes.size(), "one model a part");
    }
    if (partBytes == 1 << 20) {
      assertEquals(List.of(whole.size()), sizes, "one part");
    }
    assertEquals(readings, opened[0], "readings, " + what);
  }

  /** The models handed over when those with the given digests are known, by path. */
  private static Map<String, String> handedOver(byte[] archive, Map<String, String> known) {
    return handedOver(archive, known, Long.MAX_VALUE);
  }

  private static Map<String, String> handedOver(
      byte[] archive, Map<String, String> known, long heldBytes) {
    ArchiveLoader loader = loader(archive, 500, heldBytes, new int[1]);
    ArchiveLoader.Frame frame = loader.frame();
    Map<String, String> out = new TreeMap<>();
    loader.models(
        frame,
        new ArchiveLoader.Parts() {
          @Override
          public boolean known(ArchiveLoader.Source source) {
            return source.digest().equals(known.get(source.release() + "/" + source.name()));
          }

          @Override
          public void part(List<ArchiveLoader.Loaded> models) {
            models.forEach(
                l -> out.put(l.model().release() + "/" + l.model().name(), l.sourceDigest()));
          }
        });
    return out;
  }

  private static byte[] archive(Map<String, byte[]> files) {
    return DeterministicArchive.write(new MemorySourceTree("demo", files));
  }

  @Test
  void modelsWhoseSourcesAreKnownAreSkippedAndTheOthersHandedOver() {
    Map<String, byte[]> files = files();
    Map<String, String> first = handedOver(archive(files), Map.of(), 0);
    assertEquals(first, handedOver(archive(files), Map.of()), "digests are stable, held or not");
    assertEquals(Map.of(), handedOver(archive(files), first), "nothing changed, nothing parsed");
    assertEquals(Map.of(), handedOver(archive(files), first, 0), "nor when read again");

    Map<String, byte[]> oneModel = new LinkedHashMap<>(files);
    oneModel.put(
        "servermodels/1.0/m5.yaml",
        "name: m5\nrelease: \"1.0\"\nservices: [web]\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("1.0/m5"), List.copyOf(handedOver(archive(oneModel), first).keySet()));

    Map<String, byte[]> base = new LinkedHashMap<>(files);
    base.put(
        "servermodels/1.0/base.yaml",
        (new String(files.get("servermodels/1.0/base.yaml"), StandardCharsets.UTF_8) + "# x\n")
            .getBytes(StandardCharsets.UTF_8));
    Map<String, String> descendants = handedOver(archive(base), first);
    assertTrue(descendants.containsKey("1.0/base"), descendants.toString());
    assertTrue(descendants.containsKey("1.0/gateway"), "a child of base");
    assertTrue(descendants.containsKey("1.0/m0"), "a grandchild of base, through gateway");
    assertTrue(descendants.containsKey("1.0/quoted-key"), "extends base in a quoted key");
    assertTrue(descendants.containsKey("1.0/escaped-key"), "extends base in an escaped key");
    assertTrue(descendants.containsKey("1.0/escaped-name"), "extends base, escaped");
    assertTrue(!descendants.containsKey("1.0/m1"), "extends nothing");

    Map<String, byte[]> service = new LinkedHashMap<>(files);
    service.put(
        "services/dns.yaml",
        (new String(files.get("services/dns.yaml"), StandardCharsets.UTF_8) + "# x\n")
            .getBytes(StandardCharsets.UTF_8));
    assertEquals(first.keySet(), handedOver(archive(service), first).keySet(), "every model");
  }

  @Test
  void theFrameHoldsTheExtendedModelsOnly() {
    ArchiveLoader.Frame frame =
        loader(DeterministicArchive.write(new MemorySourceTree("demo", files())), 1).frame();
    assertTrue(frame.context().containsKey("servermodels/1.0/base.yaml"));
    assertTrue(frame.context().containsKey("servermodels/1.0/gateway.yaml"));
    assertEquals(
        2,
        frame.context().keySet().stream().filter(p -> p.startsWith("servermodels/")).count(),
        frame.context().keySet().toString());
  }

  @Test
  void anInvalidModelInALaterPartIsReportedWithItsFileAndLine() {
    Map<String, byte[]> files = files();
    files.put(
        "servermodels/1.0/m39.yaml",
        "name: m39\nrelease: \"1.0\"\nservices: [web]\nvariables:\n  workers: 999\n"
            .getBytes(StandardCharsets.UTF_8));
    ArchiveLoader loader =
        loader(DeterministicArchive.write(new MemorySourceTree("demo", files)), 200);
    ArchiveLoader.Frame frame = loader.frame();
    List<String> seen = new ArrayList<>();
    InvalidDatasourceException e =
        assertThrows(
            InvalidDatasourceException.class,
            () ->
                loader.models(frame, parts(part -> part.forEach(l -> seen.add(l.model().name())))));
    assertTrue(e.getMessage().contains("demo.tar.gz/servermodels/1.0/m39.yaml:5:"), e.getMessage());
    assertTrue(!seen.isEmpty(), "earlier parts were handed over before the bad one");
  }

  @Test
  void aMissingParentIsReportedAsByTheWholeLoader() {
    Map<String, byte[]> files = files();
    files.remove("servermodels/1.0/gateway.yaml");
    ArchiveLoader loader =
        loader(DeterministicArchive.write(new MemorySourceTree("demo", files)), 1);
    ArchiveLoader.Frame frame = loader.frame();
    InvalidDatasourceException e =
        assertThrows(
            InvalidDatasourceException.class, () -> loader.models(frame, parts(part -> {})));
    assertTrue(e.getMessage().contains("extends 'gateway'"), e.getMessage());
  }

  @Test
  void theFrameIsValidatedBeforeAnyModel() {
    Map<String, byte[]> files = files();
    files.put("services/dns.yaml", "name: dns\nvariables: [x]\n".getBytes(StandardCharsets.UTF_8));
    ArchiveLoader loader =
        loader(DeterministicArchive.write(new MemorySourceTree("demo", files)), 1);
    InvalidDatasourceException e = assertThrows(InvalidDatasourceException.class, loader::frame);
    assertTrue(e.getMessage().contains("demo.tar.gz/services/dns.yaml"), e.getMessage());
  }

  @Test
  void hostileArchivesAreRefusedByTheFrame() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      byte[] content = "x: 1\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("../servermodels/1.0/evil.yaml");
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> loader(bytes.toByteArray(), 1).frame());
    assertTrue(e.getMessage().contains(".."), e.getMessage());
    assertThrows(
        ArchiveException.class,
        () -> loader("not a gzip stream".getBytes(StandardCharsets.UTF_8), 1).frame());
  }
}
