package dev.alize.publisher.repository;

import dev.alize.common.codec.Hashes;
import dev.alize.common.datasource.SourceTree;
import dev.alize.common.error.Problem;
import dev.alize.common.io.SkipByReading;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source tree whose files must read the same each time: a release validates every file, then
 * archives every file, and what is archived must be what was validated. Only the SHA-256 of each
 * file read to its end is kept, never its bytes, so that a tree of any size costs one file's buffer
 * at a time. Safe for several threads, as the archive is written on one of its own.
 */
final class UnchangingSourceTree implements SourceTree {

  private final SourceTree source;
  private final Map<String, String> digests = new ConcurrentHashMap<>();

  UnchangingSourceTree(SourceTree source) {
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

  @Override
  public long size(String path) throws IOException {
    return source.size(path);
  }

  /**
   * The file, as the source gives it; reading it to its end again after it changed throws a {@link
   * PublishException}.
   */
  @Override
  public InputStream open(String path) throws IOException {
    return new Checked(path, source.open(path));
  }

  /** Digests what it reads and, at the end, compares the digest with the first read's. */
  private final class Checked extends FilterInputStream {
    private final String path;
    private final MessageDigest sha256 = Hashes.digest("SHA-256");
    private boolean ended;

    Checked(String path, InputStream in) {
      super(in);
      this.path = path;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        end();
      } else {
        sha256.update((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        end();
      } else {
        sha256.update(buffer, offset, n);
      }
      return n;
    }

    /** Skipped bytes are read, so that the digest covers them. */
    @Override
    public long skip(long n) throws IOException {
      return SkipByReading.skip(this, n);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void end() {
      if (ended) {
        return;
      }
      ended = true;
      String digest = HexFormat.of().formatHex(sha256.digest());
      String first = digests.putIfAbsent(path, digest);
      if (first != null && !first.equals(digest)) {
        throw new PublishException(
            PublishException.Kind.CONFLICT,
            source.shown(path)
                + " changed while it was being released; nothing was published: release it"
                + " again once it no longer changes");
      }
    }
  }
}
