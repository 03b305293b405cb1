package dev.alize.consumer.console;

import dev.alize.common.conflict.Severity;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.sync.RepositoryStatus;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What the console's first page shows: each repository's syncs and mirrors, each datasource's
 * state, the open conflicts by severity and the notifications still to send.
 *
 * @param conflictsBySeverity open conflicts, the most severe first; severities without any are left
 *     out
 * @param pendingNotifications null when this process sends none
 */
public record Overview(
    List<RepositoryRow> repositories,
    List<DatasourceRow> datasources,
    Map<String, Integer> conflictsBySeverity,
    int openConflicts,
    Long pendingNotifications) {

  /** The order severities are shown in. */
  static final List<String> SEVERITIES =
      Arrays.stream(Severity.values()).map(Severity::wireName).toList();

  /**
   * A configured repository.
   *
   * @param nextPoll null when none is planned (serve not polling)
   */
  public record RepositoryRow(
      String name,
      Instant lastSuccess,
      Instant lastAttempt,
      String lastError,
      int consecutiveFailures,
      Instant nextPoll,
      List<MirrorRow> mirrors) {}

  /**
   * One of a repository's addresses.
   *
   * @param failure what it answered last time it failed, or null when it served
   */
  public record MirrorRow(String url, String failure) {}

  /**
   * One datasource, imported or not yet.
   *
   * @param state what is in the way of the next release, in the words of {@code status}: held,
   *     waiting for its rollout, halted, rejected, deprecated; null when nothing is
   */
  public record DatasourceRow(
      String repository,
      String name,
      String installed,
      Instant importedAt,
      String held,
      String heldReason,
      String waiting,
      Instant expectedFrom,
      String pinnedBelow,
      String state) {}

  static Overview of(
      List<Subscription> subscriptions,
      Function<String, RepositoryStatus> statuses,
      List<InstalledDatasource> installed,
      List<StoredConflict> openConflicts,
      OptionalLong pending) {
    List<RepositoryRow> repositories = new ArrayList<>();
    List<DatasourceRow> datasources = new ArrayList<>();
    Map<String, InstalledDatasource> byName = new LinkedHashMap<>();
    installed.forEach(d -> byName.put(d.name(), d));
    for (Subscription s : subscriptions) {
      RepositoryStatus status = statuses.apply(s.name());
      List<MirrorRow> mirrors = new ArrayList<>();
      for (URI base : s.bases()) {
        mirrors.add(new MirrorRow(base.toString(), status.badMirrors.get(base.toString())));
      }
      repositories.add(
          new RepositoryRow(
              s.name(),
              status.lastSuccess,
              status.lastAttempt,
              status.lastError,
              status.consecutiveFailures,
              status.nextAttempt,
              mirrors));
      status.datasources.forEach(
          (name, d) -> datasources.add(row(s.name(), name, d, byName.remove(name))));
    }
    byName.values().forEach(d -> datasources.add(row(d.repository(), d.name(), null, d)));
    Map<String, Integer> bySeverity = new LinkedHashMap<>();
    SEVERITIES.forEach(
        severity -> {
          int count =
              (int) openConflicts.stream().filter(c -> severity.equals(c.severity())).count();
          if (count > 0) {
            bySeverity.put(severity, count);
          }
        });
    return new Overview(
        repositories,
        datasources,
        bySeverity,
        openConflicts.size(),
        pending.isPresent() ? pending.getAsLong() : null);
  }

  private static DatasourceRow row(
      String repository,
      String name,
      RepositoryStatus.DatasourceStatus status,
      InstalledDatasource installed) {
    String version = installed != null ? installed.version() : status.installed;
    return new DatasourceRow(
        repository,
        name,
        version,
        installed != null ? installed.importedAt() : null,
        status != null ? status.held : null,
        status != null ? status.heldReason : null,
        status != null ? status.waiting : null,
        status != null ? status.expectedFrom : null,
        installed != null ? installed.pinnedBelow() : null,
        status != null ? state(status) : null);
  }

  private static String state(RepositoryStatus.DatasourceStatus s) {
    if (s.rejection != null) {
      return "rejected: " + s.rejection;
    }
    if (s.halted != null) {
      return "halted: " + s.halted;
    }
    if (s.deprecation != null) {
      return "deprecated: " + s.deprecation;
    }
    return null;
  }
}
