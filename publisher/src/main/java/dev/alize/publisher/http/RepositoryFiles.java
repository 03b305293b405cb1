package dev.alize.publisher.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of a repository folder that may be served: regular files under {@code metadata/} or
 * {@code targets/}, reached by plain names, whose real path (symbolic links resolved) stays inside
 * that folder.
 */
public final class RepositoryFiles {

  /** Attempts to open a file that is being replaced before giving up. */
  private static final int ATTEMPTS = 3;

  private final Path repoDir;
  private final ContentDigests digests;
  private final SmallFileCache small;

  public RepositoryFiles(Path repoDir, ContentDigests digests) {
    this(repoDir, digests, new SmallFileCache());
  }

  RepositoryFiles(Path repoDir, ContentDigests digests, SmallFileCache small) {
    this.repoDir = repoDir;
    this.digests = digests;
    this.small = small;
  }

  public Path folder(RepositoryArea area) {
    return repoDir.resolve(area.folder());
  }

  /**
   * The open file at {@code path} in {@code area}, or empty when there is none that may be served.
   *
   * @throws InvalidRequestPathException when {@code path} can never name a served file
   */
  public Optional<RepositoryFile> open(RepositoryArea area, String path) throws IOException {
    List<String> segments = RequestPaths.segments(area, path);
    // The requested name, not a link's target, says what the file is and how to cache it.
    String name = segments.get(segments.size() - 1);
    // A link named in the area's own folder, whose attributes the lookup below need not read again.
    BasicFileAttributes link = null;
    if (segments.size() == 1) {
      // A plain name of the area's own folder that is no link is inside that folder whatever its
      // real path: one lstat, where resolving the folder's real path took a system call for each
      // folder above it, on every poll of a metadata file.
      Path requested = folder(area).resolve(name);
      try {
        link = attributes(requested);
      } catch (FileSystemException e) {
        return Optional.empty();
      }
      if (!link.isSymbolicLink()) {
        return open(area, name, requested, link);
      }
    }
    Path root;
    Path real;
    // The file's attributes when it is no link, read while finding its real path.
    BasicFileAttributes known;
    try {
      root = folder(area).toRealPath();
      Path parent = root;
      for (String segment : segments.subList(0, segments.size() - 1)) {
        parent = parent.resolve(segment);
      }
      if (segments.size() > 1) {
        parent = parent.toRealPath();
      }
      // A plain name that is no link adds itself to its folder's real path: one lstat instead of
      // resolving every folder of the path again (a readlink each), the bulk of a metadata
      // request's system calls.
      Path requested = parent.resolve(name);
      BasicFileAttributes leaf = link != null ? link : attributes(requested);
      if (leaf.isSymbolicLink()) {
        real = requested.toRealPath();
        known = null;
      } else {
        real = requested;
        known = leaf;
      }
    } catch (FileSystemException e) {
      // Missing, a loop of links, a denied permission: not servable.
      return Optional.empty();
    }
    if (!real.startsWith(root) || real.equals(root)) {
      return Optional.empty();
    }
    return open(area, name, real, known);
  }

  /**
   * The open file at {@code real}, a path inside the area's folder.
   *
   * @param known its attributes, read without following links, or null to read them
   */
  private Optional<RepositoryFile> open(
      RepositoryArea area, String name, Path real, BasicFileAttributes known) throws IOException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      BasicFileAttributes before;
      FileChannel channel;
      try {
        before = attempt == 0 && known != null ? known : attributes(real);
        if (!before.isRegularFile()) {
          return Optional.empty();
        }
        SmallFileCache.Entry kept = small.get(real, before);
        if (kept != null) {
          return Optional.of(file(area, name, kept));
        }
        channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      } catch (FileSystemException e) {
        return Optional.empty();
      }
      try {
        // The same file before and after the open: its attributes and digest are the open file's.
        BasicFileAttributes after = attributes(real);
        if (sameVersion(before, after) && channel.size() == after.size()) {
          String sha256 = digests.sha256(real, after, channel);
          byte[] content =
              after.size() <= SmallFileCache.MAX_FILE_BYTES ? readAll(channel, after.size()) : null;
          if (content != null) {
            channel.close();
            return Optional.of(file(area, name, small.put(real, after, content, sha256)));
          }
          return Optional.of(
              new RepositoryFile(
                  area, name, channel, after.size(), after.lastModifiedTime().toInstant(), sha256));
        }
        channel.close();
      } catch (IOException | RuntimeException e) {
        channel.close();
        if (!(e instanceof NoSuchFileException)) {
          throw e;
        }
      }
    }
    throw new IOException(real + " kept changing while it was opened");
  }

  private static RepositoryFile file(RepositoryArea area, String name, SmallFileCache.Entry kept) {
    return new RepositoryFile(
        area, name, kept.content(), kept.size(), kept.modified().toInstant(), kept.sha256());
  }

  /**
   * The file's bytes, by positional reads; null unless it holds exactly {@code size}, as when it
   * was written to in place after its size was read.
   */
  private static byte[] readAll(FileChannel channel, long size) throws IOException {
    // One byte more than expected, to see a file that grew.
    ByteBuffer buffer = ByteBuffer.allocate((int) size + 1);
    int n;
    do {
      n = channel.read(buffer, buffer.position());
    } while (n >= 0 && buffer.hasRemaining());
    return buffer.position() == size ? Arrays.copyOf(buffer.array(), (int) size) : null;
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean sameVersion(BasicFileAttributes a, BasicFileAttributes b) {
    return Objects.equals(a.fileKey(), b.fileKey())
        && a.size() == b.size()
        && a.lastModifiedTime().equals(b.lastModifiedTime());
  }
}
