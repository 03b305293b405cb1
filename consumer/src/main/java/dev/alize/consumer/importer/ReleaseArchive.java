package dev.alize.consumer.importer;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.datasource.ArchiveLoader;
import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.InvalidDatasourceException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A verified release archive: a signed archive is trusted to come from the publisher, not to be
 * well-formed, so it is unpacked within limits and validated like any datasource. It is read a part
 * at a time, so that the memory an import needs does not grow with the size of the release.
 */
public final class ReleaseArchive {

  private final String targetPath;
  private final ArchiveLoader loader;
  private ArchiveLoader.Frame frame;

  private ReleaseArchive(String targetPath, ArchiveLoader loader, ArchiveLoader.Frame frame) {
    this.targetPath = targetPath;
    this.loader = loader;
    this.frame = frame;
  }

  /**
   * Reads the archive's frame: the datasource with its releases and services, validated.
   *
   * @param targetPath the archive's target path, for messages
   * @param datasourceName the datasource the release says it holds
   * @throws ImportException when it is not a readable archive of a valid datasource of that name
   */
  public static ReleaseArchive open(String targetPath, String datasourceName, Path archive) {
    ArchiveLoader loader = new ArchiveLoader(targetPath, () -> Files.newInputStream(archive));
    ArchiveLoader.Frame frame = translated(targetPath, loader::frame);
    String name = frame.datasource().name();
    if (!name.equals(datasourceName)) {
      throw new ImportException(
          targetPath
              + ": the archive holds datasource '"
              + name
              + "', not '"
              + datasourceName
              + "'");
    }
    return new ReleaseArchive(targetPath, loader, frame);
  }

  /** The datasource with its releases and services, without its models. */
  public Datasource frame() {
    return frame.datasource();
  }

  /**
   * Hands over the models, validated, a part at a time; those already known are skipped.
   *
   * @throws ImportException when a part is not valid
   */
  public void models(ArchiveLoader.Parts parts) {
    translated(
        targetPath,
        () -> {
          loader.models(frame, parts);
          return null;
        });
    // The model files kept from the first reading are not needed again: the import goes on.
    frame = frame.withoutHeld();
  }

  private interface Reading<T> {
    T read();
  }

  private static <T> T translated(String targetPath, Reading<T> reading) {
    try {
      return reading.read();
    } catch (ArchiveException | UncheckedIOException e) {
      throw new ImportException(targetPath + ": not a readable archive: " + e.getMessage(), e);
    } catch (InvalidDatasourceException e) {
      throw new ImportException(
          targetPath + ": the signed archive is not a valid datasource: " + e.getMessage(), e);
    }
  }
}
