package dev.alize.common.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void encode_sortsKeysAndAddsNoWhiteSpace() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", 2);
    map.put("B", 3);
    map.put("ab", 4);
    map.put("", 5);

    assertEncodes("{\"\":5,\"B\":3,\"a\":2,\"ab\":4,\"b\":1}", map);
  }

  @Test
  void encode_sortsKeysByCodePointNotUtf16Unit() {
    // U+1F600: Java compares its first UTF-16 unit, D83D, and so sorts it below U+E000.
    String grinning = "\uD83D\uDE00";
    assertTrue(grinning.compareTo("\uE000") < 0, "Java's own order differs");
    Map<String, Object> map = new TreeMap<>();
    map.put(grinning, 2);
    map.put("\uFFFF", 1);
    map.put("\uE000", 0);

    assertEncodes("{\"\uE000\":0,\"\uFFFF\":1,\"" + grinning + "\":2}", map);
    assertArrayEquals(
        bytes(
            "{\"", 0xEE, 0x80, 0x80, "\":0,\"", 0xEF, 0xBF, 0xBF, "\":1,\"", 0xF0, 0x9F, 0x98, 0x80,
            "\":2}"),
        CanonicalJson.encode(map));
  }

  @Test
  void encode_escapesOnlyQuoteAndBackslash() {
    assertArrayEquals(
        bytes("\"a\\\"b\\\\c", 0x0A, "d", 0x01, "e", 0x09, "/", 0xC3, 0xA9, "\""),
        CanonicalJson.encode("a\"b\\c\nd\u0001e\t/é"));
  }

  @Test
  void encodeForFile_alsoEscapesControlCharacters() {
    assertArrayEquals(
        bytes("\"a\\\"b\\\\c\\nd\\u0001e\\t/", 0xC3, 0xA9, "\\r\""),
        CanonicalJson.encodeForFile("a\"b\\c\nd\u0001e\t/é\r"));
  }

  @Test
  void encodeForFile_parsesBackToTheCanonicalForm() {
    Map<String, Object> value = Map.of("notes\n", List.of("line 1\nline 2\ttab\u001f", "plain"));
    byte[] file = CanonicalJson.encodeForFile(value);
    assertArrayEquals(CanonicalJson.encode(value), CanonicalJson.encode(StrictJson.parse(file)));
    assertArrayEquals(
        CanonicalJson.encode(Map.of("a", "b")), CanonicalJson.encodeForFile(Map.of("a", "b")));
  }

  @Test
  void encode_escapesKeysLikeValues() {
    assertEncodes("{\"say \\\"hi\\\"\\\\\":\"ok\"}", Map.of("say \"hi\"\\", "ok"));
  }

  @Test
  void encode_writesNestedMapsAndLists() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("y", true);
    inner.put("x", null);
    Map<String, Object> outer = new HashMap<>();
    outer.put("list", Arrays.asList(1, "two", inner, List.of(), null));
    outer.put("empty", Map.of());

    assertEncodes("{\"empty\":{},\"list\":[1,\"two\",{\"x\":null,\"y\":true},[],null]}", outer);
  }

  @Test
  void encode_writesScalars() {
    assertEncodes("null", null);
    assertEncodes("true", true);
    assertEncodes("false", false);
    assertEncodes("0", 0);
    assertEncodes("-42", -42);
    assertEncodes("2147483647", Integer.MAX_VALUE);
    assertEncodes("-9223372036854775808", Long.MIN_VALUE);
    assertEncodes("\"\"", "");
  }

  @Test
  void encode_refusesFloatingPointNumbers() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(1.5));
    assertEquals("canonical JSON cannot encode Double", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(1.0f));
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(new BigDecimal("1.0")));
  }

  @Test
  void encode_refusesOtherNumbersAndObjects() {
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode((short) 1));
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode('c'));
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(new Object()));
  }

  @Test
  void encode_refusesFloatDeepInside() {
    List<Object> list = new ArrayList<>();
    list.add(Map.of("k", List.of(1, 2.0)));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(list));
    assertEquals("canonical JSON cannot encode Double", e.getMessage());
  }

  @Test
  void encode_refusesNonStringKeys() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(Map.of(1, "one")));
    assertEquals("canonical JSON object keys must be strings", e.getMessage());

    Map<Object, Object> mixed = new HashMap<>();
    mixed.put("a", 1);
    mixed.put(null, 2);
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(mixed));
  }

  @Test
  void encode_pinnedTufTimestampVector() {
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("version", 1);
    signed.put("spec_version", "1.0.31");
    signed.put("meta", Map.of("snapshot.json", Map.of("version", 3L)));
    signed.put("expires", "2030-01-01T00:00:00Z");
    signed.put("_type", "timestamp");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("signed", signed);
    metadata.put("signatures", List.of(Map.of("sig", "cd34", "keyid", "ab12")));

    byte[] encoded = CanonicalJson.encode(metadata);

    assertArrayEquals(
        ("{\"signatures\":[{\"keyid\":\"ab12\",\"sig\":\"cd34\"}],"
                + "\"signed\":{\"_type\":\"timestamp\",\"expires\":\"2030-01-01T00:00:00Z\","
                + "\"meta\":{\"snapshot.json\":{\"version\":3}},"
                + "\"spec_version\":\"1.0.31\",\"version\":1}}")
            .getBytes(UTF_8),
        encoded);
    // Computed with sha256sum, outside Java: a change here would void every signature.
    assertEquals(
        "488e564ad6f0f18a54c39e64c5004daf4e22493fbe4295c98d1b0c26f0a0fbd2",
        Hashes.sha256Hex(encoded));
  }

  @Test
  void encode_pinnedMinimalTufObject() {
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("_type", "timestamp");
    signed.put("version", 1);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("signed", signed);
    metadata.put("signatures", List.of());

    assertEncodes(
        "{\"signatures\":[],\"signed\":{\"_type\":\"timestamp\",\"version\":1}}", metadata);
  }

  private static void assertEncodes(String expected, Object value) {
    assertEquals(expected, new String(CanonicalJson.encode(value), UTF_8));
    assertArrayEquals(expected.getBytes(UTF_8), CanonicalJson.encode(value));
  }

  /** Text parts as UTF-8 and integers as single bytes, so raw bytes are visible in the test. */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(UTF_8));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }

  @Test
  void encode_writesBigIntegersAsParsedTreesHoldThem() {
    assertEquals(
        "[123456789012345678901234567890]",
        new String(
            CanonicalJson.encode(List.of(new BigInteger("123456789012345678901234567890"))),
            UTF_8));
  }

  @Test
  void encode_refusesUnpairedSurrogate() {
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode("\uD800"));
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(Map.of("a\uDC00", 1)));
  }

  @Test
  void encode_refusedOrLargeValues_leaveLaterEncodingsIntact() {
    String large = "x".repeat(200_000) + "é\"";
    byte[] expected = ("\"" + "x".repeat(200_000) + "é\\\"\"").getBytes(UTF_8);
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(List.of("ab", 1.5)));
    assertArrayEquals(expected, CanonicalJson.encode(large));
    assertEncodes("[\"a\",1]", List.of("a", 1));
    assertArrayEquals(expected, CanonicalJson.encode(large));
    assertEncodes("{\"\":[]}", Map.of("", List.of()));
  }

  @Test
  void encodeWritten_givesTheBytesOfTheSameValueEncoded() {
    String grinning = "\uD83D\uDE00";
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", null);
    inner.put(grinning, List.of("é\"", 1L, true));
    inner.put("\uE000", Map.of());
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", inner);
    value.put("a", "x\\y");

    byte[] written =
        CanonicalJson.encodeWritten(
            w -> {
              w.beginObject();
              w.key("a").value("x\\y");
              w.key("b").beginObject();
              w.key("z").value(null);
              w.key("\uE000").value(Map.of());
              w.key(grinning).value(List.of("é\"", 1L, true));
              w.endObject();
              w.endObject();
            });

    assertArrayEquals(CanonicalJson.encode(value), written);
  }

  @Test
  void encodeWritten_refusesAKeyOutOfCodePointOrder() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                CanonicalJson.encodeWritten(
                    w -> w.beginObject().key("\uD83D\uDE00").value(1).key("\uE000").value(2)));
    assertEquals("key \uE000 is not after \uD83D\uDE00", e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> CanonicalJson.encodeWritten(w -> w.beginObject().key("a").value(1).key("a")));
    assertEncodes("[\"a\",1]", List.of("a", 1));
  }

  @Test
  void members_encodedOnceAndWrittenInside_giveTheBytesOfTheWholeValue() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", 0);
    value.put("b", "é\"");
    value.put("c", List.of(1L));
    value.put("d", null);
    value.put("e", true);
    // The part is encoded while the whole is written, as a content hash does on a first use.
    byte[] written =
        CanonicalJson.encodeWritten(
            w -> {
              w.beginObject();
              w.key("a").value(0);
              byte[] part =
                  CanonicalJson.encodeWritten(
                      p ->
                          p.beginObject()
                              .key("b")
                              .value("é\"")
                              .key("c")
                              .value(List.of(1L))
                              .endObject());
              w.members("b", "c", part).key("d").value(null).key("e").value(true);
              w.endObject();
            });
    assertArrayEquals(CanonicalJson.encode(value), written);
  }

  @Test
  void members_refusedOutOfOrderOrEmpty() {
    byte[] part = CanonicalJson.encodeWritten(w -> w.beginObject().key("b").value(1).endObject());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                CanonicalJson.encodeWritten(
                    w -> w.beginObject().key("c").value(0).members("b", "b", part)));
    assertEquals("key b is not after c", e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () ->
            CanonicalJson.encodeWritten(
                w -> w.beginObject().members("b", "b", part).key("a").value(0)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CanonicalJson.encodeWritten(
                w -> w.beginObject().members("b", "b", "{}".getBytes(UTF_8))));
    assertEncodes("[\"a\",1]", List.of("a", 1));
  }
}
