package dev.alize.consumer.importer;

import dev.alize.common.codec.Hashes;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.admin.AdminException;
import dev.alize.consumer.config.DataFolder;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.report.ReportMarks;
import dev.alize.consumer.store.DatasourceRepository;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.update.TargetCache;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Restores the release imported before the current one, from the local cache of verified archives:
 * the archive is checked against the hash recorded when it was verified and imported by the
 * importer, so the rollback is one transaction with conflict detection, recorded and notified like
 * any import, and it pins the datasource so that the next sync does not bring the newer release
 * back.
 */
@Singleton
public final class RollbackService {

  private final Database database;
  private final DatabaseImporter importer;
  private final DatasourceRepository datasources;
  private final DataFolder folder;
  private final ReportMarks reports;

  public RollbackService(
      Database database,
      DatabaseImporter importer,
      DatasourceRepository datasources,
      DataFolder folder,
      ReportMarks reports) {
    this.database = database;
    this.importer = importer;
    this.datasources = datasources;
    this.folder = folder;
    this.reports = reports;
  }

  /**
   * The datasource as it is now, when a rollback of it can go ahead: its previous version is the
   * one a rollback restores. Asked before a rollback, so that an admin sees what it would do.
   *
   * @throws AdminException as {@link #rollback} would refuse
   */
  public InstalledDatasource check(String datasource) {
    InstalledDatasource now =
        database
            .inTransaction(c -> datasources.find(datasource))
            .filter(d -> d.version() != null)
            .orElseThrow(
                () ->
                    new AdminException(
                        AdminException.Reason.NOT_FOUND,
                        "no datasource '" + datasource + "' has been imported"));
    if (now.previousVersion() == null) {
      throw new AdminException(
          AdminException.Reason.CLASH,
          datasource
              + " "
              + now.version()
              + " has no earlier import to roll back to (a rollback is not rolled back: approve"
              + " the newer release instead)");
    }
    if (SemanticVersion.parse(now.previousVersion()).compareTo(SemanticVersion.parse(now.version()))
        >= 0) {
      throw new AdminException(
          AdminException.Reason.CLASH,
          datasource
              + " "
              + now.version()
              + " replaced a newer release, "
              + now.previousVersion()
              + " (revoked or deprecated upstream): a rollback does not restore it");
    }
    Path archive = new TargetCache(folder.targets(now.repository())).file(now.previousTargetPath());
    String hash = sha256(archive);
    if (!now.previousTargetHash().equals(hash)) {
      throw new AdminException(
          AdminException.Reason.CLASH,
          "cannot roll back "
              + datasource
              + " to "
              + now.previousVersion()
              + ": its cached archive "
              + (hash == null
                  ? "is missing"
                  : "is not the one verified and imported (its hash differs)")
              + "; only a release still in this instance's cache can be restored");
    }
    return now;
  }

  /**
   * @throws AdminException when the datasource is unknown, has no earlier import, or its cached
   *     archive is gone or altered
   */
  public ImportResult rollback(String datasource) {
    InstalledDatasource now = check(datasource);
    Path archive = new TargetCache(folder.targets(now.repository())).file(now.previousTargetPath());
    ImportResult result =
        importer.rollback(
            new ImportRequest(
                now.repository(),
                datasource,
                now.previousVersion(),
                now.previousTargetPath(),
                archive,
                now.previousTargetHash(),
                now.previousTargetsVersion()),
            now.version());
    reports.repository(now.repository());
    return result;
  }

  /** The file's SHA-256, or null when it does not exist. */
  private static String sha256(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    MessageDigest digest = Hashes.digest("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      return null;
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
