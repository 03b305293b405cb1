package dev.alize.common.datasource;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A variable's {@code pattern}, in RE2's syntax, matched by RE2/J: in time linear in the value's
 * length and without recursion, so that the verdict is the same on every thread and comes at once.
 * java.util.regex backtracks: {@code (.*a){20}} against a long near-match never ends, and {@code
 * (a|b)*} against a few thousand characters overflows the stack of one thread and not of another.
 * RE2 has no back-references and no look-around, which are what make matching exponential.
 */
final class ValuePattern {

  /** Longer patterns describe no value a person writes. */
  static final int MAX_PATTERN_CHARS = 1_000;

  /**
   * RE2's compiled size, which nested counted repeats ({@code ((a{100}){100}){100}}) multiply: the
   * time of a match is proportional to it.
   */
  static final int MAX_PROGRAM_SIZE = 10_000;

  private static final int CACHED = 256;

  private static final Map<String, Pattern> COMPILED =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
              return size() > CACHED;
            }
          });

  private ValuePattern() {}

  /** Why {@code pattern} is refused, if it is. */
  static Optional<String> problem(String pattern) {
    if (pattern.length() > MAX_PATTERN_CHARS) {
      return Optional.of(
          "the pattern has " + pattern.length() + " characters, more than " + MAX_PATTERN_CHARS);
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return Optional.of(
          "invalid regular expression (RE2 syntax: no back-references, no look-around): "
              + e.getDescription());
    }
    if (compiled.programSize() > MAX_PROGRAM_SIZE) {
      return Optional.of(
          "the pattern is too large once its repeats are expanded ("
              + compiled.programSize()
              + " instructions, at most "
              + MAX_PROGRAM_SIZE
              + ")");
    }
    return Optional.empty();
  }

  /** Whether all of {@code text} matches {@code pattern}, which {@link #problem} accepted. */
  static boolean matches(String pattern, String text) {
    return COMPILED.computeIfAbsent(pattern, Pattern::compile).matches(text);
  }
}
