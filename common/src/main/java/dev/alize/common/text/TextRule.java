package dev.alize.common.text;

import java.util.Optional;

/**
 * The one rule for text that Alizé stores, signs or shows: Unicode without control characters but
 * tab and newline. A NUL passes YAML and H2 but PostgreSQL refuses it ({@code invalid byte sequence
 * for encoding "UTF8": 0x00}), which would leave PostgreSQL sites stuck on an upstream release; a
 * lone surrogate is no character at all and cannot be encoded; escape sequences and the other
 * controls rewrite what a terminal or a log shows. So they are refused where text enters, with
 * where.
 */
public final class TextRule {

  private TextRule() {}

  /** What is wrong with {@code text}, naming the first offending character and where it is. */
  public static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        return Optional.of(
            "holds a lone surrogate "
                + codePoint(c)
                + " at character "
                + (i + 1)
                + ", not Unicode");
      }
      if (Character.isISOControl(c) && c != '\t' && c != '\n') {
        return Optional.of(
            "holds the control character "
                + codePoint(c)
                + " at character "
                + (i + 1)
                + "; text may hold tabs and newlines, no other control character");
      }
    }
    return Optional.empty();
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }
}
