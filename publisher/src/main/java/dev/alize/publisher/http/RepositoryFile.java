package dev.alize.publisher.http;

import java.io.ByteArrayInputStream;
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

  /** The open file, or null when {@link #bytes} holds the content. */
  private final FileChannel channel;

  private final byte[] bytes;
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
    this(area, name, channel, null, size, lastModified, sha256);
  }

  /** A small file whose content was read whole: it holds nothing open. */
  RepositoryFile(
      RepositoryArea area,
      String name,
      byte[] bytes,
      long size,
      Instant lastModified,
      String sha256) {
    this(area, name, null, bytes, size, lastModified, sha256);
  }

  private RepositoryFile(
      RepositoryArea area,
      String name,
      FileChannel channel,
      byte[] bytes,
      long size,
      Instant lastModified,
      String sha256) {
    this.area = area;
    this.name = name;
    this.channel = channel;
    this.bytes = bytes;
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

  /**
   * The whole content when it is held in memory (never to be changed), or null when it is read from
   * the open file.
   */
  byte[] contentInMemory() {
    return bytes;
  }

  /** The content, streamed from the open file or memory; closing the stream closes the file. */
  public InputStream content() {
    return channel != null ? Channels.newInputStream(channel) : new ByteArrayInputStream(bytes);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
