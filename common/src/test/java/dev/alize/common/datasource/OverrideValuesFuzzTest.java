package dev.alize.common.datasource;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/** An admin's value for a variable of any type is parsed or refused with a reason, never thrown. */
class OverrideValuesFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void parse(FuzzedDataProvider data) {
    VariableType type = data.pickValue(VariableType.values());
    VariableType items = type == VariableType.LIST ? VariableType.PORT : null;
    String pattern = data.consumeBoolean() ? data.consumeString(40) : null;
    VariableDefinition definition =
        new VariableDefinition(
            "v",
            type,
            items,
            null,
            null,
            null,
            null,
            type == VariableType.CHOICE ? List.of("a", "b") : List.of(),
            pattern != null && ValuePattern.problem(pattern).isEmpty() ? pattern : null);
    OverrideValues.parse(data.consumeRemainingAsString(), definition);
  }
}
