package dev.alize.common.datasource;

import java.util.Optional;
import java.util.regex.Pattern;

/** The naming rules of datasources, releases, services, models and variables. */
public final class Names {

  /** One rule: a pattern and how to explain it. */
  public record Rule(String what, Pattern pattern, String explanation) {
    public Optional<String> check(String name) {
      if (name.length() > 63 || !pattern.matcher(name).matches()) {
        return Optional.of("invalid " + what + " name '" + name + "': " + explanation);
      }
      if (name.endsWith(".") || DEVICE.matcher(name).matches()) {
        return Optional.of(
            "invalid "
                + what
                + " name '"
                + name
                + "': names become file names, and Windows reserves this one (CON, PRN, AUX,"
                + " NUL, COM1 to COM9 and LPT1 to LPT9, with any extension, and names ending"
                + " in '.')");
      }
      return Optional.empty();
    }

    public boolean isValid(String name) {
      return check(name).isEmpty();
    }
  }

  /** Device names that Windows reserves whatever their case and extension. */
  private static final Pattern DEVICE =
      Pattern.compile("(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(\\..*)?");

  public static final Rule DATASOURCE =
      new Rule(
          "datasource",
          Pattern.compile("[a-z0-9][a-z0-9-]*"),
          "use lowercase letters, digits and '-', starting with a letter or digit, at most 63"
              + " characters");
  public static final Rule RELEASE =
      new Rule(
          "release",
          Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*"),
          "use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63"
              + " characters");
  public static final Rule ITEM =
      new Rule(
          "service or model",
          Pattern.compile("[a-z0-9][a-z0-9._-]*"),
          "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, at"
              + " most 63 characters");
  public static final Rule VARIABLE =
      new Rule(
          "variable",
          Pattern.compile("[a-z][a-z0-9_]*"),
          "use lowercase letters, digits and '_', starting with a letter, at most 63 characters");

  private Names() {}
}
