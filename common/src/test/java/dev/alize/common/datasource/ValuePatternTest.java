package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ValuePatternTest {

  @Test
  void catastrophicBacktracking_answersAtOnce() {
    String nearMatch = "a".repeat(30) + "b";
    assertEquals(Optional.empty(), ValuePattern.problem("(.*a){20}"));
    boolean matches =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> ValuePattern.matches("(.*a){20}", nearMatch));
    assertFalse(matches);
    assertTrue(ValuePattern.matches("(.*a){20}", "a".repeat(20)));
  }

  @Test
  void alternationOverALongValue_noStackOverflow_onASmallStack() throws InterruptedException {
    String value = "ab".repeat(50_000);
    assertTrue(ValuePattern.matches("(a|b)*", value));
    // The verdict of a thread with a small stack, as a server's worker may have.
    AtomicReference<Object> verdict = new AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                verdict.set(ValuePattern.matches("(a|b)*", value + "c"));
              } catch (Throwable t) {
                verdict.set(t);
              }
            },
            "small-stack",
            128 * 1024);
    small.start();
    small.join();
    assertEquals(false, verdict.get());
  }

  @Test
  void backReferenceAndLookAround_refusedWithTheReason() {
    for (String pattern : new String[] {"(a)\\1", "(?=a)a", "a(?!b)"}) {
      Optional<String> problem = ValuePattern.problem(pattern);
      assertTrue(problem.isPresent(), pattern);
      assertTrue(problem.get().startsWith("invalid regular expression (RE2 syntax"), problem.get());
    }
  }

  @Test
  void nestedRepeats_refusedAsTooLarge() {
    Optional<String> problem = ValuePattern.problem("((a{100}){100}){100}");
    assertTrue(problem.isPresent());
    assertTrue(problem.get().startsWith("the pattern is too large"), problem.get());
  }

  @Test
  void overlongPattern_refused() {
    assertEquals(
        Optional.of("the pattern has 1001 characters, more than 1000"),
        ValuePattern.problem("a".repeat(1001)));
  }

  @Test
  void samplePatterns_stillMatchAsBefore() {
    assertTrue(ValuePattern.matches("[0-9]{7}[A-Z]", "0123456X"));
    assertFalse(ValuePattern.matches("[0-9]{7}[A-Z]", "0123456X "));
    assertTrue(ValuePattern.matches("dc=[a-z0-9-]+(,dc=[a-z0-9-]+)*", "dc=ac-dijon,dc=fr"));
    assertFalse(ValuePattern.matches("[a-z]+", "GW1"));
  }
}
