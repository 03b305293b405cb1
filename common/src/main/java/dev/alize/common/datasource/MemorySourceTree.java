package dev.alize.common.datasource;

import dev.alize.common.error.Problem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A datasource held in memory, as read from an archive. */
public final class MemorySourceTree implements SourceTree {

  private final String label;
  private final Map<String, byte[]> files;

  /**
   * @param label what to print before each path in messages, as the archive's name
   * @param files contents by relative path
   */
  public MemorySourceTree(String label, Map<String, byte[]> files) {
    this.label = label;
    this.files = new TreeMap<>(files);
  }

  @Override
  public List<String> files() {
    return List.copyOf(files.keySet());
  }

  @Override
  public List<Problem> listingProblems() {
    return List.of();
  }

  @Override
  public String shown(String path) {
    return label + "/" + path;
  }

  @Override
  public long size(String path) {
    return bytes(path).length;
  }

  @Override
  public InputStream open(String path) {
    return new ByteArrayInputStream(bytes(path));
  }

  private byte[] bytes(String path) {
    byte[] bytes = files.get(path);
    if (bytes == null) {
      throw new UncheckedIOException(new NoSuchFileException(shown(path)));
    }
    return bytes;
  }
}
