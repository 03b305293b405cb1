package dev.alize.consumer.console;

import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.store.ImportRun;
import dev.alize.consumer.store.InstalledDatasource;
import java.util.List;

/**
 * The history page: syncs, imports and rollbacks, newest first, and each datasource's version, the
 * release a rollback would restore and the pin a rollback left.
 *
 * @param datasource the datasource the runs are of, or null for all
 * @param names every datasource's name, to filter by
 */
public record History(
    String datasource,
    int limit,
    List<String> names,
    List<ImportRun> runs,
    List<DatasourceRow> datasources) {

  /** The limits offered to choose from. */
  static final List<Integer> LIMITS = List.of(50, 200, 1000);

  /**
   * A datasource as history left it.
   *
   * @param rollbackTo the version a rollback would restore, or null when it would restore none (no
   *     earlier import, or the current one replaced a newer release)
   * @param pinnedBelow the version rolled back from, which syncs do not import again, nor any older
   *     one, until a newer release or an approval lifts the pin; null when not pinned
   */
  public record DatasourceRow(
      String name, String repository, String version, String rollbackTo, String pinnedBelow) {}

  public History {
    names = List.copyOf(names);
    runs = List.copyOf(runs);
    datasources = List.copyOf(datasources);
  }

  public List<Integer> limits() {
    return LIMITS;
  }

  static History of(
      String datasource, int limit, List<InstalledDatasource> installed, List<ImportRun> runs) {
    return new History(
        datasource,
        limit,
        installed.stream().map(InstalledDatasource::name).toList(),
        runs,
        installed.stream()
            .filter(d -> d.version() != null)
            .filter(d -> datasource == null || d.name().equals(datasource))
            .map(History::row)
            .toList());
  }

  private static DatasourceRow row(InstalledDatasource d) {
    return new DatasourceRow(d.name(), d.repository(), d.version(), rollbackTo(d), d.pinnedBelow());
  }

  /** As the rollback decides it; whether the archive is still cached is checked when asked. */
  private static String rollbackTo(InstalledDatasource d) {
    if (d.previousVersion() == null) {
      return null;
    }
    boolean older =
        SemanticVersion.parse(d.previousVersion()).compareTo(SemanticVersion.parse(d.version()))
            < 0;
    return older ? d.previousVersion() : null;
  }
}
