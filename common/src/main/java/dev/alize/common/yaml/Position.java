package dev.alize.common.yaml;

/** A place in a text file, 1-based, as editors show it. */
public record Position(int line, int column) {
  public static final Position START = new Position(1, 1);
}
