package dev.alize.common.diff;

/** What happened to an item between two versions of a datasource. */
public enum ChangeKind {
  ADDED("+"),
  REMOVED("-"),
  CHANGED("~");

  private final String symbol;

  ChangeKind(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
