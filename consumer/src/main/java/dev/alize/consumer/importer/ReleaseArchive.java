package dev.alize.consumer.importer;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.SafeArchiveReader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceLoader;
import dev.alize.common.datasource.InvalidDatasourceException;
import dev.alize.common.datasource.MemorySourceTree;
import dev.alize.consumer.sync.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a verified release archive: a signed archive is trusted to come from the publisher, not to
 * be well-formed, so it is unpacked within limits and validated like any datasource.
 */
public final class ReleaseArchive {

  private ReleaseArchive() {}

  /**
   * The datasource in the archive.
   *
   * @param targetPath the archive's target path, for messages
   * @param datasourceName the datasource the release says it holds
   * @throws ImportException when it is not a readable archive of a valid datasource of that name
   */
  public static Datasource load(String targetPath, String datasourceName, Path archive) {
    Map<String, byte[]> files;
    try (InputStream in = Files.newInputStream(archive)) {
      files = new SafeArchiveReader(ArchiveLimits.DEFAULT).read(in);
    } catch (IOException | ArchiveException e) {
      throw new ImportException(targetPath + ": not a readable archive: " + e.getMessage(), e);
    }
    Datasource datasource;
    try {
      datasource = new DatasourceLoader().load(new MemorySourceTree(targetPath, files)).orThrow();
    } catch (InvalidDatasourceException e) {
      throw new ImportException(
          targetPath + ": the signed archive is not a valid datasource: " + e.getMessage(), e);
    }
    if (!datasource.name().equals(datasourceName)) {
      throw new ImportException(
          targetPath
              + ": the archive holds datasource '"
              + datasource.name()
              + "', not '"
              + datasourceName
              + "'");
    }
    return datasource;
  }
}
