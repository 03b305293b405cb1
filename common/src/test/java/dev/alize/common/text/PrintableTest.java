package dev.alize.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.alize.common.error.Problem;
import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void escape_leavesOrdinaryTextAlone() {
    String text = "Académie de Dijon — amon 2.9 😀";
    assertSame(text, Printable.escape(text));
  }

  @Test
  void escape_newlineAndTerminalEscapes() {
    assertEquals(
        "a\\u000Adatasources/eole:1:1: forged\\u001B[2J",
        Printable.escape("a\ndatasources/eole:1:1: forged\u001b[2J"));
  }

  @Test
  void escape_bidirectionalOverrides() {
    assertEquals("evil\\u202Elmay.yaml", Printable.escape("evil\u202Elmay.yaml"));
    assertEquals("\\u2066x\\u2069\\u200F", Printable.escape("\u2066x\u2069\u200F"));
  }

  @Test
  void problem_aValueWithANewlineCannotForgeAnotherProblemLine() {
    Problem p = new Problem("m.yaml", 3, 5, "'x\nm.yaml:9:9: all good' is not a port");
    assertEquals("m.yaml:3:5: 'x\\u000Am.yaml:9:9: all good' is not a port", p.toString());
  }
}
