package dev.alize.common.report;

import dev.alize.common.text.TextRule;

/** The name an operator gives a site: one line of printable text, 1 to 100 characters. */
public final class SiteLabel {

  /** The longest label. */
  public static final int MAX = 100;

  private SiteLabel() {}

  /**
   * Refuses a label that is not one.
   *
   * @param field the field or key it was read from, for the message
   * @throws InvalidReportException naming the field
   */
  public static String check(String label, String field) {
    if (label == null || label.isBlank() || label.length() > MAX) {
      throw new InvalidReportException("'" + field + "' must be 1 to " + MAX + " characters");
    }
    if (label.indexOf('\n') >= 0 || label.indexOf('\r') >= 0 || label.indexOf('\t') >= 0) {
      throw new InvalidReportException("'" + field + "' must be one line, without tabs");
    }
    TextRule.problem(label)
        .ifPresent(
            p -> {
              throw new InvalidReportException("'" + field + "': " + p);
            });
    return label;
  }
}
