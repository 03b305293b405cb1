package dev.alize.publisher.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.time.Instant;

/**
 * One open file of the repository and what the response says of it. The ETag describes the bytes of
 * this open file, even if the path is replaced meanwhile. Close it unless {@link #content()} was
 * handed on.
 */
public final class RepositoryFile implements Closeable {

  private final RepositoryArea area;
  private final String name;
  private final FileChannel channel;
  private final long size;
  private final Instant lastModified;
  private final String sha256;

  RepositoryFile(
      RepositoryArea area,
      String name,
      FileChannel channel,
      long size,
      Instant lastModified,
      String sha256) {
    this.area = area;
    this.name = name;
    this.channel = channel;
    this.size = size;
    this.lastModified = lastModified;
    this.sha256 = sha256;
  }

  public RepositoryArea area() {
    return area;
  }

  /** The file's own name, without its folders. */
  public String name() {
    return name;
  }

  public long size() {
    return size;
  }

  public Instant lastModified() {
    return lastModified;
  }

  /** A strong entity tag: the SHA-256 of the content, quoted. */
  public String etag() {
    return '"' + sha256 + '"';
  }

  public String contentType() {
    return ContentTypes.of(name);
  }

  public CachePolicy cachePolicy() {
    return area.cachePolicy(name);
  }

  /** The content, streamed from the open file; closing the stream closes the file. */
  public InputStream content() {
    return Channels.newInputStream(channel);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
