package dev.alize.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodsTest {

  @ParameterizedTest
  @CsvSource({"365d,PT8760H", "12h,PT12H", "15m,PT15M", "45s,PT45S", "P7D,PT168H", "PT1S,PT1S"})
  void find_readsEachForm(String text, String expected) {
    assertEquals(Optional.of(Duration.parse(expected)), Periods.find(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "often", "1w", "-5m", "5 m", "9999999999999d"})
  void find_refusesOtherText(String text) {
    assertEquals(Optional.empty(), Periods.find(text));
  }
}
