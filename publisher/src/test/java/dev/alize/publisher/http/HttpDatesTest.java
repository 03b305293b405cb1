package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpHeaders;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {

  /** What Micronaut's own headers write for the same time, the format HttpDates stands in for. */
  private static String micronauts(long epochMillis) {
    MutableHttpHeaders headers = HttpResponse.ok().getHeaders();
    headers.expires(epochMillis);
    return headers.get("Expires");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-01T00:00:00Z",
        "2026-11-29T09:15:59.999Z",
        "2027-01-09T23:59:59.001Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.500Z"
      })
  void format_isMicronautsFormat(String instant) {
    long millis = Instant.parse(instant).toEpochMilli();
    assertEquals(micronauts(millis), new HttpDates().format(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-29T09:15:59Z", "2026-11-29T09:16:00Z"})
  void format_reusesTheTextOfTheSameSecond_only(String instant) {
    HttpDates dates = new HttpDates();
    long millis = Instant.parse(instant).toEpochMilli();
    String first = dates.format(millis);
    assertSame(first, dates.format(millis + 999));
    assertEquals(micronauts(millis + 1000), dates.format(millis + 1000));
    assertEquals(first, dates.format(millis));
  }
}
