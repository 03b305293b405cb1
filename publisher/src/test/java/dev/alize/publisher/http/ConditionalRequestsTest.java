package dev.alize.publisher.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionalRequestsTest {

  private static final String ETAG = "\"abc\"";
  private static final Instant MODIFIED = Instant.parse("2026-01-01T10:00:00.750Z");

  private static boolean notModified(List<String> ifNoneMatch, Instant ifModifiedSince) {
    return ConditionalRequests.notModified(
        ifNoneMatch, Optional.ofNullable(ifModifiedSince), ETAG, MODIFIED);
  }

  @Test
  void ifNoneMatch_sameTag_isNotModified() {
    assertTrue(notModified(List.of("\"abc\""), null));
  }

  @Test
  void ifNoneMatch_otherTag_isModified() {
    assertFalse(notModified(List.of("\"abd\""), null));
  }

  @Test
  void ifNoneMatch_star_isNotModified() {
    assertTrue(notModified(List.of(" * "), null));
  }

  @Test
  void ifNoneMatch_listContainingTheTag_isNotModified() {
    assertTrue(notModified(List.of("\"x\", \"abc\" ,\"y\""), null));
  }

  @Test
  void ifNoneMatch_severalHeaders_areOneList() {
    assertTrue(notModified(List.of("\"x\"", "\"abc\""), null));
  }

  @Test
  void ifNoneMatch_weakTag_matchesByWeakComparison() {
    assertTrue(notModified(List.of("W/\"abc\""), null));
  }

  @Test
  void ifNoneMatch_commaInsideAQuotedTag_doesNotSplitIt() {
    assertTrue(ConditionalRequests.matchesAny("\"a,b\"", "\"a,b\""));
  }

  @Test
  void ifNoneMatch_unquotedTag_doesNotMatch() {
    assertFalse(notModified(List.of("abc"), null));
  }

  @Test
  void ifNoneMatch_decidesAlone_evenWhenIfModifiedSinceWouldMatch() {
    assertFalse(notModified(List.of("\"old\""), MODIFIED.plusSeconds(60)));
  }

  @Test
  void ifModifiedSince_notOlderThanTheFile_isNotModified() {
    assertTrue(notModified(List.of(), Instant.parse("2026-01-01T10:00:00Z")));
    assertTrue(notModified(List.of(), Instant.parse("2026-01-02T00:00:00Z")));
  }

  @Test
  void ifModifiedSince_olderThanTheFile_isModified() {
    assertFalse(notModified(List.of(), Instant.parse("2026-01-01T09:59:59Z")));
  }

  @Test
  void noCondition_isModified() {
    assertFalse(notModified(List.of(), null));
  }
}
