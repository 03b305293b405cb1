package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alize.consumer.store.InstalledDatasource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history page's model, without a server. */
class HistoryTest {

  private static final Instant AT = Instant.parse("2027-03-01T09:00:00Z");

  private static InstalledDatasource datasource(
      String name, String version, String previous, String pinnedBelow) {
    return new InstalledDatasource(
        name,
        "upstream",
        version,
        version == null ? null : name + "-" + version + ".tar.gz",
        null,
        null,
        version == null ? null : AT,
        previous,
        null,
        null,
        null,
        pinnedBelow);
  }

  @Test
  void aRollbackRestoresAnOlderPreviousRelease_only() {
    History history =
        History.of(
            null,
            50,
            List.of(
                datasource("eole", "1.1.0", "1.0.0", null),
                datasource("rolled", "1.0.0", "1.1.0", "1.1.0"),
                datasource("first", "1.0.0", null, null),
                datasource("replaced", "1.0.0", "1.2.0", null)),
            List.of());

    assertEquals(
        List.of(
            new History.DatasourceRow("eole", "upstream", "1.1.0", "1.0.0", null),
            new History.DatasourceRow("rolled", "upstream", "1.0.0", null, "1.1.0"),
            new History.DatasourceRow("first", "upstream", "1.0.0", null, null),
            new History.DatasourceRow("replaced", "upstream", "1.0.0", null, null)),
        history.datasources());
  }

  @Test
  void filteredByADatasource_showsItsRowOnly_butOffersEveryName() {
    History history =
        History.of(
            "eole",
            200,
            List.of(
                datasource("eole", "1.1.0", "1.0.0", null),
                datasource("acme", "1.0.0", null, null),
                datasource("never", null, null, null)),
            List.of());

    assertEquals(List.of("eole"), history.datasources().stream().map(d -> d.name()).toList());
    assertEquals(List.of("eole", "acme", "never"), history.names());
    assertEquals(200, history.limit());
  }

  @Test
  void withoutAFilter_aDatasourceNeverImportedHasNoRow() {
    History history =
        History.of(null, 50, List.of(datasource("never", null, null, null)), List.of());

    assertEquals(List.of(), history.datasources());
    assertNull(history.datasource());
  }
}
