package dev.alize.common.diff;

import java.util.Locale;

/** The kind of item a change is about. */
public enum Subject {
  DATASOURCE,
  RELEASE,
  SERVICE,
  VARIABLE,
  MODEL;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
