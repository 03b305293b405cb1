package dev.alize.common.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alize.common.codec.StrictJson.MalformedJsonException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  @Test
  void parse_readsValidJson() {
    JsonNode node =
        parse("{\"a\": [1, -2, \"x\", true, null], \"b\": {\"c\": 12345678901234567890}}");

    assertEquals(1, node.path("a").get(0).intValue());
    assertEquals(-2, node.path("a").get(1).intValue());
    assertEquals("x", node.path("a").get(2).textValue());
    assertTrue(node.path("a").get(3).booleanValue());
    assertTrue(node.path("a").get(4).isNull());
    assertEquals(
        new BigInteger("12345678901234567890"), node.path("b").path("c").bigIntegerValue());
  }

  @Test
  void parse_refusesDuplicateKeys() {
    assertMalformed(
        "{\"version\": 1, \"version\": 2}",
        "malformed JSON: Duplicate field 'version' at line 1, column 25");
  }

  @Test
  void parse_refusesDuplicateKeysInNestedObject() {
    assertMalformed(
        "{\"signed\": {\"a\": 1,\n \"a\": 1}}",
        "malformed JSON: Duplicate field 'a' at line 2, column 5");
  }

  @Test
  void parse_refusesFloat() {
    assertMalformed(
        "{\"length\": 1.5}",
        "malformed JSON: floating-point number 1.5 is not allowed in canonical JSON");
  }

  @Test
  void parse_refusesExponent() {
    assertMalformed(
        "[1e3]", "malformed JSON: floating-point number 1000.0 is not allowed in canonical JSON");
  }

  @Test
  void parse_refusesNaN() {
    MalformedJsonException e =
        assertThrows(MalformedJsonException.class, () -> parse("{\"length\": NaN}"));

    assertTrue(
        e.getMessage().startsWith("malformed JSON: Non-standard token 'NaN'"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" at line 1, column 15"), e.getMessage());
  }

  @Test
  void parse_refusesTrailingContent() {
    MalformedJsonException e =
        assertThrows(MalformedJsonException.class, () -> parse("{\"a\": 1} {\"a\": 2}"));

    assertTrue(e.getMessage().startsWith("malformed JSON: Trailing token"), e.getMessage());
  }

  @Test
  void parse_acceptsTrailingWhiteSpace() {
    assertEquals(1, parse("{\"a\": 1}\n\n").path("a").intValue());
  }

  @Test
  void parse_acceptsNestingOf64() {
    assertTrue(parse("[".repeat(64) + "]".repeat(64)).isArray());
  }

  @Test
  void parse_refusesNestingDeeperThan64() {
    MalformedJsonException e =
        assertThrows(MalformedJsonException.class, () -> parse("[".repeat(65) + "]".repeat(65)));

    assertTrue(
        e.getMessage().startsWith("malformed JSON: Document nesting depth (65) exceeds"),
        e.getMessage());
  }

  @Test
  void parse_refusesNonJson() {
    MalformedJsonException e =
        assertThrows(MalformedJsonException.class, () -> parse("signed: yes"));

    assertEquals(
        "malformed JSON: Unrecognized token 'signed': was expecting (JSON String, Number, Array,"
            + " Object or token 'null', 'true' or 'false') at line 1, column 1",
        e.getMessage());
  }

  @Test
  void parse_refusesEmptyInput() {
    assertMalformed("", "malformed JSON: no JSON value");
  }

  @Test
  void parse_refusesTruncatedObject() {
    MalformedJsonException e =
        assertThrows(MalformedJsonException.class, () -> parse("{\"a\": [1, 2"));

    assertTrue(
        e.getMessage().startsWith("malformed JSON: Unexpected end-of-input"), e.getMessage());
  }

  @Test
  void parse_refusesUnpairedSurrogate() {
    assertMalformed(
        "{\"a\": \"x\\ud800\"}", "malformed JSON: a string holds an unpaired UTF-16 surrogate");
  }

  @Test
  void parse_refusesUnpairedSurrogateInKey() {
    assertMalformed(
        "{\"\\udc00\": 1}",
        "malformed JSON: Unexpected low surrogate in field name: 0xdc00 at line 1, column 9");
  }

  @Test
  void parse_refusesSurrogateEncodedAsUtf8() {
    byte[] json = {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'};

    MalformedJsonException e =
        assertThrows(MalformedJsonException.class, () -> StrictJson.parse(json));

    assertEquals(
        "malformed JSON: Invalid UTF-8: Illegal surrogate character 0xd800 at line 1, column 6",
        e.getMessage());
  }

  @Test
  void parse_acceptsEscapedSurrogatePair() {
    assertEquals("\uD83D\uDE00", parse("[\"\\ud83d\\ude00\"]").get(0).textValue());
  }

  private static void assertMalformed(String json, String message) {
    MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> parse(json));
    assertEquals(message, e.getMessage());
  }

  private static JsonNode parse(String json) {
    return StrictJson.parse(json.getBytes(UTF_8));
  }
}
