package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.common.datasource.OverrideValue;
import dev.alize.common.datasource.OverrideValues;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.datasource.VariableType;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverrideInputsTest {

  private static VariableDefinition of(VariableType type, VariableType items) {
    return new VariableDefinition("v", type, items, null, null, null, null, List.of(), null);
  }

  private static final VariableDefinition TEXT = of(VariableType.STRING, null);
  private static final VariableDefinition PORT = of(VariableType.PORT, null);
  private static final VariableDefinition IPS = of(VariableType.LIST, VariableType.IP);
  private static final VariableDefinition PORTS = of(VariableType.LIST, VariableType.PORT);

  @Test
  void plainTextsStayPlainAndOthersAreQuoted() {
    assertEquals("Europe/Paris", OverrideInputs.yaml("Europe/Paris", TEXT));
    assertEquals("\"null\"", OverrideInputs.yaml("null", TEXT));
    assertEquals("\"a: \\\"b\\\" \\\\ c\"", OverrideInputs.yaml("a: \"b\" \\ c", TEXT));
    assertEquals("\" spaced \"", OverrideInputs.yaml(" spaced ", TEXT));
    assertEquals("8080", OverrideInputs.yaml(" 8080 ", PORT));
  }

  @Test
  void aListIsOneItemPerLineOrAYamlList() {
    assertEquals(
        "[10.0.0.1, \"2620:fe::fe\"]", OverrideInputs.yaml("10.0.0.1\n\n 2620:fe::fe \n", IPS));
    assertEquals("[22, 443]", OverrideInputs.yaml("22\n443", PORTS));
    assertEquals("[]", OverrideInputs.yaml(" [] ", IPS));
  }

  @Test
  void whatIsWrittenReadsBackAsTheSameValue() {
    for (String input : List.of("Lycée: \"Jean\" Moulin", "null", "#1 [a, b]", "tab\there")) {
      String yaml = OverrideInputs.yaml(input, TEXT);
      assertEquals(
          input, ((OverrideValue.Valid) OverrideValues.parse(yaml, TEXT)).value().toPlain(), yaml);
      assertEquals(input, OverrideInputs.input(yaml, TEXT));
    }
    assertEquals("10.0.0.1\n2620:fe::fe", OverrideInputs.input("[10.0.0.1, \"2620:fe::fe\"]", IPS));
  }

  @Test
  void aValueTheTypeNoLongerTakesIsShownAsText() {
    assertEquals("99999", OverrideInputs.input("99999", PORT));
    assertEquals("abc", OverrideInputs.input("\"abc\"", PORT));
    assertEquals("a\nb", OverrideInputs.input("[a, b]", PORTS));
    assertEquals("[a", OverrideInputs.input("[a", IPS));
  }
}
