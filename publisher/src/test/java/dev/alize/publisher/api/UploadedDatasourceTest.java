package dev.alize.publisher.api;

import static dev.alize.publisher.cli.SampleDatasources.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.datasource.DirectorySourceTree;
import io.micronaut.http.HttpStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads unpacked into folders: the folder tar puts on top, and the limit counted while read. */
class UploadedDatasourceTest {

  @TempDir Path temp;

  private Path folder(String... paths) throws IOException {
    Path folder = Files.createTempDirectory(temp, "upload");
    for (String p : paths) {
      Path file = folder.resolve(p);
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {1});
    }
    return folder;
  }

  @Test
  void oneTopFolder_withoutDatasourceYamlAtTheRoot_isTheRoot() throws IOException {
    Path folder = folder("eole/datasource.yaml", "eole/services/a.yaml");
    assertEquals(folder.resolve("eole"), UploadedDatasource.root(folder));
  }

  @Test
  void datasourceYamlAtTheRoot_keepsEveryPath() throws IOException {
    Path folder = folder("datasource.yaml", "eole/services/a.yaml");
    assertEquals(folder, UploadedDatasource.root(folder));
  }

  @Test
  void twoTopFolders_orAFileAtTheRoot_keepEveryPath() throws IOException {
    Path two = folder("a/datasource.yaml", "b/datasource.yaml");
    assertEquals(two, UploadedDatasource.root(two));
    Path file = folder("a/datasource.yaml", "README");
    assertEquals(file, UploadedDatasource.root(file));
    Path empty = folder();
    assertEquals(empty, UploadedDatasource.root(empty));
  }

  @Test
  void unpack_madeLikeTar_givesTheDatasourcesFiles_namedAfterTheDatasource() throws IOException {
    DirectorySourceTree tree =
        new UploadedDatasource()
            .unpack(
                "acme-monitoring",
                new ByteArrayInputStream(TestArchives.likeTar(ACME)),
                ApiServer.MAX_UPLOAD,
                folder());
    assertEquals(new DirectorySourceTree(ACME).files(), tree.files());
    assertEquals("acme-monitoring/datasource.yaml", tree.shown("datasource.yaml"));
  }

  @Test
  void unpack_aFileWhereAFolderIs_isRefusedNamingTheEntry() throws IOException {
    byte[] clash = TestArchives.withExtraFile(ACME, "datasource.yaml/x", new byte[] {1});
    ArchiveException e =
        assertThrows(
            ArchiveException.class,
            () ->
                new UploadedDatasource()
                    .unpack(
                        "acme-monitoring",
                        new ByteArrayInputStream(clash),
                        ApiServer.MAX_UPLOAD,
                        folder()));
    assertEquals("datasource.yaml/x", e.entry());
  }

  @Test
  void unpack_pastTheLimit_is413_evenWhenTheArchiveEndsEarlier() throws IOException {
    byte[] archive = TestArchives.of(ACME);
    byte[] padded = java.util.Arrays.copyOf(archive, archive.length + 10_000);
    Path folder = folder();
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                new UploadedDatasource()
                    .unpack(
                        "acme-monitoring",
                        new ByteArrayInputStream(padded),
                        archive.length + 100,
                        folder));
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
