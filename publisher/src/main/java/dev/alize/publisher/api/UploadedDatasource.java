package dev.alize.publisher.api;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.SafeArchiveReader;
import dev.alize.common.datasource.DirectorySourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The datasource tree of an uploaded tar.gz, unpacked into a folder a file at a time: an upload
 * never costs more memory than its largest file, whatever it unpacks to.
 */
final class UploadedDatasource {

  private static final String DESCRIPTOR = "datasource.yaml";

  private final SafeArchiveReader reader = new SafeArchiveReader(ArchiveLimits.DEFAULT);

  /**
   * Unpacks {@code body}, at most {@code maxBytes} of it, into the empty {@code folder}, as the
   * tree of datasource {@code name}, its files named {@code NAME/PATH} in messages.
   *
   * @throws ArchiveException for a corrupt or hostile archive
   * @throws ApiException 413 past {@code maxBytes}
   */
  DirectorySourceTree unpack(String name, InputStream body, long maxBytes, Path folder) {
    UploadLimit limited = new UploadLimit(body, maxBytes);
    reader.unpack(limited, folder);
    try {
      limited.drain();
    } catch (IOException e) {
      throw new ArchiveException("the upload was cut short: " + e.getMessage(), e);
    }
    return new DirectorySourceTree(root(folder), name);
  }

  /**
   * The archive's one top-level folder, as {@code tar czf x.tgz -C datasources eole} makes it, when
   * there is no datasource.yaml at the root; otherwise the root.
   */
  static Path root(Path folder) {
    if (Files.exists(folder.resolve(DESCRIPTOR))) {
      return folder;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      List<Path> top = entries.limit(2).toList();
      return top.size() == 1 && Files.isDirectory(top.get(0)) ? top.get(0) : folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }
}
