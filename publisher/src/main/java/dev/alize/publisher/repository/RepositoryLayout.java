package dev.alize.publisher.repository;

import java.nio.file.Path;

/**
 * Where things are in a repository folder. Only {@code metadata/} and {@code targets/} are served;
 * the settings, the audit log, the lock file and the uploads being released sit beside them.
 */
public record RepositoryLayout(Path root) {

  public Path metadata() {
    return root.resolve("metadata");
  }

  public Path targets() {
    return root.resolve("targets");
  }

  public Path metadataFile(String name) {
    return metadata().resolve(name);
  }

  public Path settings() {
    return root.resolve("alize-repository.json");
  }

  public Path auditLog() {
    return root.resolve("audit.log");
  }

  /** Where the write API unpacks each upload while it releases it, in a folder of its own. */
  public Path uploads() {
    return root.resolve("uploads");
  }

  public Path lockFile() {
    return root.resolve(".lock");
  }

  /** The file of a target under consistent snapshots: its hash before its name, in its folder. */
  public Path targetFile(String targetPath, String sha256) {
    int slash = targetPath.lastIndexOf('/');
    String dir = slash < 0 ? "" : targetPath.substring(0, slash + 1);
    return targets().resolve(dir + sha256 + "." + targetPath.substring(slash + 1));
  }
}
