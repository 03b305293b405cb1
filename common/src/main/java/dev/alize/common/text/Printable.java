package dev.alize.common.text;

/**
 * Text from elsewhere made safe to print on one line of a terminal or a log: control characters (a
 * newline would start a forged line, an escape sequence would rewrite the screen) and the invisible
 * marks that reorder text (bidirectional overrides, which make {@code evil.yaml} look like another
 * name) are written as {@code \\uXXXX}, so that a person sees they are there.
 */
public final class Printable {

  private Printable() {}

  /** {@code text} with every character that could forge or hide output escaped. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * {@code values} for a format's arguments: text escaped as {@link #escape} does, other values
   * (numbers, instants, versions) as they are.
   */
  public static Object[] args(Object... values) {
    Object[] safe = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      safe[i] = values[i] instanceof CharSequence text ? escape(text.toString()) : values[i];
    }
    return safe;
  }

  private static boolean isUnsafe(char c) {
    return Character.isISOControl(c)
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }
}
