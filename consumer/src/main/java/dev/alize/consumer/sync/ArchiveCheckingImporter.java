package dev.alize.consumer.sync;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.SafeArchiveReader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.datasource.MemorySourceTree;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.consumer.config.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks that a verified archive holds a valid datasource of the name its release says: a signed
 * archive is trusted to come from the publisher, not to be well-formed.
 */
public final class ArchiveCheckingImporter implements Importer {

  private final SafeArchiveReader reader = new SafeArchiveReader(ArchiveLimits.DEFAULT);
  private final DatasourceLoader loader = new DatasourceLoader();

  @Override
  public void importRelease(Subscription repository, ReleaseFacts release, Path archive) {
    load(release, archive);
  }

  /** The datasource in the archive. */
  public Datasource load(ReleaseFacts release, Path archive) {
    Map<String, byte[]> files;
    try (InputStream in = Files.newInputStream(archive)) {
      files = reader.read(in);
    } catch (IOException | ArchiveException e) {
      throw new ImportException(
          release.targetPath() + ": not a readable archive: " + e.getMessage(), e);
    }
    Datasource datasource;
    try {
      datasource = loader.load(new MemorySourceTree(release.targetPath(), files)).orThrow();
    } catch (InvalidDatasourceException e) {
      throw new ImportException(
          release.targetPath()
              + ": the signed archive is not a valid datasource: "
              + e.getMessage(),
          e);
    }
    if (!datasource.name().equals(release.datasource())) {
      throw new ImportException(
          release.targetPath()
              + ": the archive holds datasource '"
              + datasource.name()
              + "', not '"
              + release.datasource()
              + "'");
    }
    return datasource;
  }
}
