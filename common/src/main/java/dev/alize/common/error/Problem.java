package dev.alize.common.error;

import dev.alize.common.text.Printable;
import java.util.Comparator;

/**
 * One thing wrong with an input file, at a line and column (1-based; the first character when the
 * whole file is at fault). Printed as {@code file:line:column: message}, the form editors and CI
 * annotate.
 */
public record Problem(String file, int line, int column, String message)
    implements Comparable<Problem> {

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::message);

  public static Problem wholeFile(String file, String message) {
    return new Problem(file, 1, 1, message);
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    // One line each, whatever the message quotes: a value with a newline cannot forge another.
    return Printable.escape(file) + ":" + line + ":" + column + ": " + Printable.escape(message);
  }
}
