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

  @ParameterizedTest
  @CsvSource({"PT72H,3d", "PT36H,36h", "PT90M,90m", "PT45S,45s", "PT61S,61s"})
  void format_writesTheLargestWholeUnit_whichFindReadsBack(String period, String expected) {
    assertEquals(expected, Periods.format(Duration.parse(period)));
    assertEquals(Optional.of(Duration.parse(period)), Periods.find(expected));
  }
}
