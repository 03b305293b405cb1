package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import dev.alize.common.version.Bump;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.store.InstalledDatasource;
import dev.alize.consumer.store.StoredConflict;
import dev.alize.consumer.sync.RepositoryStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OverviewTest {

  private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

  private static Subscription repository(String name, String url, String... mirrors) {
    return new Subscription(
        name,
        URI.create(url),
        java.util.Arrays.stream(mirrors).map(URI::create).toList(),
        Path.of("root.json"),
        null,
        Channel.STABLE,
        List.of(),
        Bump.MINOR,
        Duration.ofHours(1),
        false,
        RolloutMode.PHASED,
        null,
        Duration.ofDays(3));
  }

  private static InstalledDatasource installed(String name, String repository, String version) {
    return new InstalledDatasource(
        name, repository, version, null, null, 1, T, null, null, null, null, "2.0.0");
  }

  private static StoredConflict conflict(long id, String severity) {
    return new StoredConflict(
        id,
        1,
        "amon-dijon",
        "default-changed",
        "proxy_port",
        severity,
        "open",
        "",
        Map.of(),
        "eole",
        "1.1.0",
        "1.1.0",
        T,
        T,
        null,
        T,
        null,
        null);
  }

  @Test
  void eachRepositoryTellsItsMirrorsStateAndEachDatasourceWhatHoldsIt() {
    RepositoryStatus status = new RepositoryStatus();
    status.lastSuccess = T;
    status.consecutiveFailures = 2;
    status.nextAttempt = T.plusSeconds(60);
    status.badMirrors.put("https://mirror.example", "HTTP 503");
    RepositoryStatus.DatasourceStatus eole = status.datasource("eole");
    eole.installed = "1.1.0";
    eole.held = "2.0.0";
    eole.heldReason = "a MAJOR release waits for an admin's approval";
    eole.halted = "halted by the maintainers: broken DHCP";
    status.datasource("acme").waiting = "1.3.0";

    Overview overview =
        Overview.of(
            List.of(repository("upstream", "https://models.example", "https://mirror.example")),
            name -> status,
            List.of(installed("eole", "upstream", "1.1.0"), installed("old", "gone", "0.9.0")),
            List.of(conflict(1, "warning"), conflict(2, "blocking"), conflict(3, "warning")),
            OptionalLong.of(4));

    Overview.RepositoryRow row = overview.repositories().get(0);
    assertEquals(2, row.consecutiveFailures());
    assertEquals(
        List.of(
            new Overview.MirrorRow("https://models.example", null),
            new Overview.MirrorRow("https://mirror.example", "HTTP 503")),
        row.mirrors());
    assertEquals(
        List.of("eole", "acme", "old"),
        overview.datasources().stream().map(Overview.DatasourceRow::name).toList());
    Overview.DatasourceRow first = overview.datasources().get(0);
    assertEquals("1.1.0", first.installed());
    assertEquals("2.0.0", first.held());
    assertEquals("2.0.0", first.pinnedBelow());
    assertEquals("halted: halted by the maintainers: broken DHCP", first.state());
    assertNull(overview.datasources().get(1).installed(), "waiting for its first release");
    assertEquals("gone", overview.datasources().get(2).repository());
    assertEquals(Map.of("blocking", 1, "warning", 2), overview.conflictsBySeverity());
    assertEquals(
        List.of("blocking", "warning"), List.copyOf(overview.conflictsBySeverity().keySet()));
    assertEquals(3, overview.openConflicts());
    assertEquals(4L, overview.pendingNotifications());
  }

  @Test
  void withoutAnOutboxNoNotificationCountIsShown() {
    Overview overview =
        Overview.of(
            List.of(), name -> new RepositoryStatus(), List.of(), List.of(), OptionalLong.empty());

    assertNull(overview.pendingNotifications());
  }
}
