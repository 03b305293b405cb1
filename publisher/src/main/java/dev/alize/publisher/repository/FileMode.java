package dev.alize.publisher.repository;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may read the served files of a repository (its metadata and targets, and their folders),
 * chosen at {@code init} and kept by every later write. Private keys stay their owner's whatever
 * this says.
 */
public enum FileMode {
  /** Only the signing user: another server on the machine cannot read the files. */
  OWNER("rw-------", "rwx------", "the owner only"),
  /** The signing user's group too: a web server whose user is in that group. */
  GROUP("rw-r-----", "rwxr-x---", "the owner and group"),
  /** Everyone on the machine: the files are public anyway, since every consumer reads them. */
  ALL("rw-r--r--", "rwxr-xr-x", "everyone");

  private final Set<PosixFilePermission> file;
  private final Set<PosixFilePermission> directory;
  private final String readers;

  FileMode(String file, String directory, String readers) {
    this.file = PosixFilePermissions.fromString(file);
    this.directory = PosixFilePermissions.fromString(directory);
    this.readers = readers;
  }

  /** Who may read, for people: "the owner only", "the owner and group", "everyone". */
  public String readers() {
    return readers;
  }

  public Set<PosixFilePermission> file() {
    return file;
  }

  public Set<PosixFilePermission> directory() {
    return directory;
  }

  /**
   * As written on the command line and in the settings: {@code owner}, {@code group}, {@code all}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws PublishException naming the accepted values
   */
  public static FileMode parse(String text) {
    for (FileMode mode : values()) {
      if (mode.label().equals(text)) {
        return mode;
      }
    }
    throw new PublishException(
        "'"
            + text
            + "' is not a file mode: use "
            + Arrays.stream(values()).map(FileMode::label).collect(Collectors.joining(", ")));
  }
}
