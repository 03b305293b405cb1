package dev.alize.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes that never leave a half-written file behind: a temporary file, then a rename. */
public final class AtomicFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes} in one step, readers see the old or the new. The
   * file is readable by its owner only, as a new temporary file is.
   */
  public static void writeAtomically(Path target, byte[] bytes) {
    write(target, bytes, OWNER_ONLY);
  }

  /** As {@link #writeAtomically}, with the file readable by its owner only. */
  public static void writePrivate(Path target, byte[] bytes) {
    write(target, bytes, OWNER_ONLY);
  }

  /**
   * As {@link #writeAtomically}, with {@code mode} set on the temporary file before the rename
   * (whatever the umask), so that the file never appears with another mode.
   */
  public static void writeAtomically(Path target, byte[] bytes, Set<PosixFilePermission> mode) {
    write(target, bytes, Set.copyOf(mode));
  }

  public static void createPrivateDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
      if (supportsPosix(dir)) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        if (supportsPosix(temp)) {
          Files.setPosixFilePermissions(temp, mode);
        }
        Files.write(temp, bytes);
        try (var channel =
            java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
