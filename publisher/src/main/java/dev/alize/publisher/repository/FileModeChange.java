package dev.alize.publisher.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Changes who may read the served files of an existing repository: records the new mode in its
 * settings, for every later write, then sets it on every served file and folder already there.
 */
public final class FileModeChange {

  private FileModeChange() {}

  /**
   * What a change did.
   *
   * @param before the mode recorded before
   * @param files how many served files now have the new mode
   */
  public record Result(FileMode before, FileMode after, int files) {}

  public static Result apply(Path repository, FileMode mode, String actor, Clock clock) {
    RepositoryLayout layout = new RepositoryLayout(repository);
    try (RepositoryLock lock = RepositoryLock.acquire(layout)) {
      RepositorySettings settings = RepositorySettings.read(layout.settings());
      RepositoryState state = RepositoryState.load(layout);
      // Recorded first: a change cut short is finished by running it again.
      settings.withFileMode(mode).write(layout.settings());
      ServedFiles served = new ServedFiles(layout, mode);
      served.setFolderModes();
      int files = 0;
      for (Path dir : List.of(layout.metadata(), layout.targets())) {
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path path : all.toList()) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
              Files.setPosixFilePermissions(path, mode.file());
              files++;
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
              Files.setPosixFilePermissions(path, mode.directory());
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot set the mode of the files in " + dir, e);
        }
      }
      new AuditLog(layout.auditLog())
          .append(
              new AuditEntry(
                  clock.instant(),
                  actor,
                  "file-mode",
                  null,
                  null,
                  "served files readable by " + mode.readers(),
                  RepositoryEditor.versions(state),
                  RepositoryEditor.versions(state)));
      return new Result(settings.fileMode(), mode, files);
    }
  }
}
