package dev.alize.publisher.api;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.datasource.MemorySourceTree;
import io.micronaut.http.HttpStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Uploads read into trees: the folder tar puts on top, and the limit counted while reading. */
class UploadedDatasourceTest {

  private static Map<String, byte[]> files(String... paths) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String p : paths) {
      files.put(p, new byte[] {1});
    }
    return files;
  }

  @Test
  void oneTopFolder_withoutDatasourceYamlAtTheRoot_isStripped() {
    assertEquals(
        List.of("datasource.yaml", "services/a.yaml"),
        List.copyOf(
            UploadedDatasource.withoutTopFolder(
                    files("eole/datasource.yaml", "eole/services/a.yaml"))
                .keySet()));
  }

  @Test
  void datasourceYamlAtTheRoot_keepsEveryPath() {
    assertEquals(
        List.of("datasource.yaml", "eole/services/a.yaml"),
        List.copyOf(
            UploadedDatasource.withoutTopFolder(files("datasource.yaml", "eole/services/a.yaml"))
                .keySet()));
  }

  @Test
  void twoTopFolders_orAFileAtTheRoot_keepEveryPath() {
    assertEquals(
        List.of("a/datasource.yaml", "b/datasource.yaml"),
        List.copyOf(
            UploadedDatasource.withoutTopFolder(files("a/datasource.yaml", "b/datasource.yaml"))
                .keySet()));
    assertEquals(
        List.of("a/datasource.yaml", "README"),
        List.copyOf(
            UploadedDatasource.withoutTopFolder(files("a/datasource.yaml", "README")).keySet()));
    assertEquals(Map.of(), UploadedDatasource.withoutTopFolder(Map.of()));
  }

  @Test
  void read_madeLikeTar_givesTheDatasourcesFiles() {
    MemorySourceTree tree =
        new UploadedDatasource()
            .read(
                "acme-monitoring",
                new ByteArrayInputStream(TestArchives.likeTar(ACME)),
                ApiServer.MAX_UPLOAD);
    assertEquals(new DirectorySourceTree(ACME).files(), tree.files());
    assertEquals("acme-monitoring/datasource.yaml", tree.shown("datasource.yaml"));
  }

  @Test
  void read_pastTheLimit_is413_evenWhenTheArchiveEndsEarlier() {
    byte[] archive = TestArchives.of(ACME);
    byte[] padded = java.util.Arrays.copyOf(archive, archive.length + 10_000);
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                new UploadedDatasource()
                    .read(
                        "acme-monitoring", new ByteArrayInputStream(padded), archive.length + 100));
    assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.status());
  }

  @Test
  void limit_countsReadsAndSkips() throws IOException {
    InputStream limited = new UploadLimit(new ByteArrayInputStream(new byte[100]), 50);
    assertEquals(40, limited.skip(40));
    assertEquals(0, limited.read());
    assertEquals(9, limited.read(new byte[9], 0, 9));
    ApiException e = assertThrows(ApiException.class, limited::read);
    assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.status());
  }

  @Test
  void limit_exactlyReached_isAccepted() throws IOException {
    UploadLimit limited = new UploadLimit(new ByteArrayInputStream(new byte[50]), 50);
    assertEquals(50, limited.readAllBytes().length);
    limited.drain();
  }
}
