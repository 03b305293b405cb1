package dev.alize.common.version;

/** How much a change moves a semantic version, in increasing order. */
public enum Bump {
  NONE,
  PATCH,
  MINOR,
  MAJOR;

  public Bump max(Bump other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
