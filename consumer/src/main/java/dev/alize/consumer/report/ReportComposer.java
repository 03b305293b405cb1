package dev.alize.consumer.report;

import dev.alize.common.AlizeVersion;
import dev.alize.common.conflict.ConflictKind;
import dev.alize.common.conflict.Severity;
import dev.alize.common.report.ErrorClass;
import dev.alize.common.report.ReportOutcome;
import dev.alize.common.report.SiteReport;
import dev.alize.common.version.SemanticVersion;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.site.SiteIdentity;
import dev.alize.consumer.store.DatasourceRepository;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.sync.RepositoryStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes the report of one repository from the site's state now: the database's word for what is
 * installed, before what, how long its import took and which conflicts are open; the repository's
 * status for what the last sync came to. Versions, names, classes and counts only.
 */
@Singleton
public final class ReportComposer {

  private final Database database;
  private final DatasourceRepository datasources;
  private final ReportRepository rows;
  private final SiteIdentity identity;
  private final Clock clock;

  public ReportComposer(
      Database database,
      DatasourceRepository datasources,
      ReportRepository rows,
      SiteIdentity identity,
      Clock clock) {
    this.database = database;
    this.datasources = datasources;
    this.rows = rows;
    this.identity = identity;
    this.clock = clock;
  }

  /** The report of {@code repository}, numbered after every report this site made before. */
  public SiteReport compose(String repository, String label, RepositoryStatus status) {
    String site = identity.get();
    return database.inTransaction(
        c -> {
          Map<String, InstalledDatasource> installed = new TreeMap<>();
          for (InstalledDatasource d : datasources.list()) {
            if (d.repository().equals(repository)) {
              installed.put(d.name(), d);
            }
          }
          Map<String, Long> importTimes =
              rows.lastImportTimes().stream()
                  .collect(
                      Collectors.toMap(
                          ReportRepository.ImportTime::datasource,
                          ReportRepository.ImportTime::durationMs));
          Map<String, List<SiteReport.ConflictCount>> conflicts = new TreeMap<>();
          for (ReportRepository.ConflictTally t : rows.openConflicts()) {
            Optional<ConflictKind> kind = ConflictKind.find(t.kind());
            Optional<Severity> severity = Severity.find(t.severity());
            if (kind.isPresent() && severity.isPresent()) {
              conflicts
                  .computeIfAbsent(t.datasource(), d -> new ArrayList<>())
                  .add(new SiteReport.ConflictCount(kind.get(), severity.get(), t.count()));
            }
          }
          TreeSet<String> names = new TreeSet<>(installed.keySet());
          names.addAll(status.datasources.keySet());
          List<SiteReport.DatasourceState> states = new ArrayList<>();
          for (String name : names) {
            if (states.size() == SiteReport.MAX_DATASOURCES) {
              break;
            }
            states.add(
                state(
                    repository,
                    name,
                    installed.get(name),
                    status.datasources.get(name),
                    importTimes.get(name),
                    conflicts.getOrDefault(name, List.of())));
          }
          return new SiteReport(
              site, label, identity.nextSequence(), clock.instant(), AlizeVersion.get(), states);
        });
  }

  private static SiteReport.DatasourceState state(
      String repository,
      String name,
      InstalledDatasource row,
      RepositoryStatus.DatasourceStatus status,
      Long importMillis,
      List<SiteReport.ConflictCount> conflicts) {
    ReportOutcome outcome =
        status == null || status.outcome == null
            ? ReportOutcome.UP_TO_DATE
            : ReportOutcome.find(status.outcome).orElse(ReportOutcome.UP_TO_DATE);
    ErrorClass errorClass =
        outcome != ReportOutcome.FAILED
            ? null
            : ErrorClass.find(status.errorClass).orElse(ErrorClass.OTHER);
    SemanticVersion release = status == null ? null : version(status.release);
    return new SiteReport.DatasourceState(
        repository,
        name,
        row == null ? null : version(row.version()),
        row == null ? null : version(row.previousVersion()),
        outcome,
        release,
        errorClass,
        importMillis == null ? null : Math.min(importMillis, SiteReport.MAX_IMPORT_MILLIS),
        conflicts);
  }

  private static SemanticVersion version(String text) {
    return text == null ? null : SemanticVersion.find(text).orElse(null);
  }
}
