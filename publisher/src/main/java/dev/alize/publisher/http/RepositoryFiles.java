package dev.alize.publisher.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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

  public RepositoryFiles(Path repoDir, ContentDigests digests) {
    this.repoDir = repoDir;
    this.digests = digests;
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
    Path root;
    Path real;
    try {
      root = folder(area).toRealPath();
      Path requested = root;
      for (String segment : segments) {
        requested = requested.resolve(segment);
      }
      real = requested.toRealPath();
    } catch (FileSystemException e) {
      // Missing, a loop of links, a denied permission: not servable.
      return Optional.empty();
    }
    if (!real.startsWith(root) || real.equals(root)) {
      return Optional.empty();
    }
    // The requested name, not a link's target, says what the file is and how to cache it.
    String name = segments.get(segments.size() - 1);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      BasicFileAttributes before;
      FileChannel channel;
      try {
        before = attributes(real);
        if (!before.isRegularFile()) {
          return Optional.empty();
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

  private static BasicFileAttributes attributes(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean sameVersion(BasicFileAttributes a, BasicFileAttributes b) {
    return Objects.equals(a.fileKey(), b.fileKey())
        && a.size() == b.size()
        && a.lastModifiedTime().equals(b.lastModifiedTime());
  }
}
