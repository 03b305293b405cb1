package dev.alize.common.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the last sync of a datasource came to at a site. */
public enum ReportOutcome {
  IMPORTED,
  UP_TO_DATE,
  HELD,
  WAITING,
  NOTHING_AVAILABLE,
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReportOutcome> find(String name) {
    return Arrays.stream(values()).filter(o -> o.wireName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
