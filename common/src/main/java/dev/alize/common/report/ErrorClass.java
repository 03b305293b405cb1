package dev.alize.common.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a sync failed at a site, as a class rather than a message: reports never carry upstream or
 * local text that could hold a secret or a model's values.
 */
public enum ErrorClass {
  /** No mirror served metadata that verifies: signatures, expiry, versions, hashes. */
  VERIFICATION,
  /** No mirror could be reached, or it answered with an error. */
  DOWNLOAD,
  /** The release was verified but refused at import: an invalid datasource, say. */
  IMPORT,
  /** The site's database failed. */
  DATABASE,
  /** Anything else. */
  OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ErrorClass> find(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
