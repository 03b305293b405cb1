package dev.alize.common.datasource;

import dev.alize.common.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A datasource directory. Links are reported, not followed, so that a datasource can never pull in
 * a file from outside itself; hidden files and folders (editor and VCS files) are skipped.
 */
public final class DirectorySourceTree implements SourceTree {

  private final Path root;
  private final String label;
  private final List<String> files = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  public DirectorySourceTree(Path root) {
    this(root, null);
  }

  /**
   * @param label how files are named in messages, as {@code LABEL/PATH}, for a folder whose place
   *     on disk means nothing to the user (an upload unpacked); null to name them by that place
   */
  public DirectorySourceTree(Path root, String label) {
    this.root = root;
    this.label = label;
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(Problem.wholeFile(root.toString(), "not a directory"));
      return;
    }
    try {
      Files.walkFileTree(root, new Lister());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    files.sort(String::compareTo);
  }

  @Override
  public List<String> files() {
    return List.copyOf(files);
  }

  @Override
  public List<Problem> listingProblems() {
    return List.copyOf(problems);
  }

  @Override
  public String shown(String path) {
    return label != null ? label + "/" + path : root.resolve(path).toString();
  }

  @Override
  public long size(String path) throws IOException {
    return Files.size(resolve(path));
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  private Path resolve(String path) throws IOException {
    // The listing is sorted: a binary search, not a scan per file read.
    if (Collections.binarySearch(files, path) < 0) {
      throw new NoSuchFileException(shown(path));
    }
    return root.resolve(path);
  }

  private String relative(Path path) {
    return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  private final class Lister extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      return !dir.equals(root) && hidden(dir)
          ? FileVisitResult.SKIP_SUBTREE
          : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (hidden(file)) {
        return FileVisitResult.CONTINUE;
      }
      if (attrs.isRegularFile() && linkCount(file) > 1) {
        // A second name for a file elsewhere, as a link to a secret outside the checkout would be.
        problems.add(
            Problem.wholeFile(file.toString(), "hard links are not allowed in a datasource"));
      } else if (attrs.isRegularFile()) {
        files.add(relative(file));
      } else if (attrs.isSymbolicLink()) {
        problems.add(
            Problem.wholeFile(file.toString(), "symbolic links are not allowed in a datasource"));
      } else {
        problems.add(Problem.wholeFile(file.toString(), "not a regular file"));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      problems.add(Problem.wholeFile(file.toString(), "cannot be read: " + e.getMessage()));
      return FileVisitResult.CONTINUE;
    }

    /** How many names the file has; 1 where the file system does not say. */
    private int linkCount(Path file) {
      try {
        return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        return 1;
      } catch (IOException e) {
        problems.add(Problem.wholeFile(file.toString(), "cannot be read: " + e.getMessage()));
        return 1;
      }
    }

    private boolean hidden(Path path) {
      return path.getFileName().toString().startsWith(".");
    }
  }
}
