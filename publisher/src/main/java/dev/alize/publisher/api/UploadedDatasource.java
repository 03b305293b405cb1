package dev.alize.publisher.api;

import dev.alize.common.archive.ArchiveException;
import dev.alize.common.archive.ArchiveLimits;
import dev.alize.common.archive.SafeArchiveReader;
import dev.alize.common.datasource.MemorySourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The datasource tree of an uploaded tar.gz. */
final class UploadedDatasource {

  private static final String DESCRIPTOR = "datasource.yaml";

  private final SafeArchiveReader reader = new SafeArchiveReader(ArchiveLimits.DEFAULT);

  /**
   * Reads {@code body}, at most {@code maxBytes} of it, as the tree of datasource {@code name}.
   *
   * @throws ArchiveException for a corrupt or hostile archive
   * @throws ApiException 413 past {@code maxBytes}
   */
  MemorySourceTree read(String name, InputStream body, long maxBytes) {
    UploadLimit limited = new UploadLimit(body, maxBytes);
    Map<String, byte[]> files = reader.read(limited);
    try {
      limited.drain();
    } catch (IOException e) {
      throw new ArchiveException("the upload was cut short: " + e.getMessage(), e);
    }
    return new MemorySourceTree(name, withoutTopFolder(files));
  }

  /**
   * The files under the archive's one top-level folder, as {@code tar czf x.tgz -C datasources
   * eole} makes them, when there is no datasource.yaml at the root; otherwise the files as they
   * are.
   */
  static Map<String, byte[]> withoutTopFolder(Map<String, byte[]> files) {
    if (files.isEmpty() || files.containsKey(DESCRIPTOR)) {
      return files;
    }
    String top = null;
    for (String path : files.keySet()) {
      int slash = path.indexOf('/');
      if (slash < 0 || (top != null && !top.equals(path.substring(0, slash)))) {
        return files;
      }
      top = path.substring(0, slash);
    }
    Map<String, byte[]> stripped = new LinkedHashMap<>();
    int prefix = top.length() + 1;
    files.forEach((path, bytes) -> stripped.put(path.substring(prefix), bytes));
    return stripped;
  }
}
