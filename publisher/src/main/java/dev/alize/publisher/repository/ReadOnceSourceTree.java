package dev.alize.publisher.repository;

import dev.alize.common.datasource.SourceTree;
import dev.alize.common.error.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source tree whose files are read from another once, then served from memory: a release
 * validates every file and then archives every file, so a folder would otherwise be read twice.
 * Safe for several threads, as the archive is written on one of its own.
 */
final class ReadOnceSourceTree implements SourceTree {

  private final SourceTree source;
  private final Map<String, byte[]> read = new ConcurrentHashMap<>();

  ReadOnceSourceTree(SourceTree source) {
    this.source = source;
  }

  @Override
  public List<String> files() {
    return source.files();
  }

  @Override
  public List<Problem> listingProblems() {
    return source.listingProblems();
  }

  @Override
  public String shown(String path) {
    return source.shown(path);
  }

  /** The source's size until the file is read, so that a file too large is never read. */
  @Override
  public long size(String path) throws IOException {
    byte[] bytes = read.get(path);
    return bytes == null ? source.size(path) : bytes.length;
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return new ByteArrayInputStream(read.computeIfAbsent(path, this::readSource));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private byte[] readSource(String path) {
    try (InputStream in = source.open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
