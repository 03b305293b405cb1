package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverrideValuesTest {

  private static VariableDefinition of(VariableType type) {
    return new VariableDefinition("v", type, null, null, null, null, null, List.of(), null);
  }

  private static VariableDefinition bounded(VariableType type, Long min, Long max) {
    return new VariableDefinition("v", type, null, null, null, min, max, List.of(), null);
  }

  private static VariableDefinition listOf(VariableType item) {
    return new VariableDefinition(
        "v", VariableType.LIST, item, null, null, null, null, List.of(), null);
  }

  private static final VariableDefinition MODE =
      new VariableDefinition(
          "proxy_mode",
          VariableType.CHOICE,
          null,
          null,
          null,
          null,
          null,
          List.of("transparent", "explicit"),
          null);

  private static final VariableDefinition LABEL =
      new VariableDefinition(
          "label", VariableType.STRING, null, null, null, null, null, List.of(), "[a-z]+");

  private static Value valid(String text, VariableDefinition definition) {
    OverrideValue result = OverrideValues.parse(text, definition);
    return assertInstanceOf(OverrideValue.Valid.class, result, result::toString).value();
  }

  private static String invalid(String text, VariableDefinition definition) {
    OverrideValue result = assertDoesNotThrow(() -> OverrideValues.parse(text, definition));
    String reason =
        assertInstanceOf(OverrideValue.Invalid.class, result, result::toString).reason();
    assertFalse(reason.contains("value:1:"), () -> "file and line noise in: " + reason);
    assertFalse(reason.isBlank());
    return reason;
  }

  @Test
  void parse_refusesLeadingZeros_whichYaml11ReadersTakeForOctal() {
    assertEquals(
        "'0200' has a leading zero, which YAML 1.1 readers take for octal: write it without",
        invalid("0200", of(VariableType.PORT)));
    assertEquals(
        "'080' has a leading zero, which YAML 1.1 readers take for octal: write it without",
        invalid("080", of(VariableType.INTEGER)));
    assertEquals(new Value.Int(0), valid("0", of(VariableType.INTEGER)));
    assertEquals(new Value.Int(200), valid("200", of(VariableType.PORT)));
  }

  @Test
  void parse_ipv4MappedNetwork_hasIpv6sPrefixLength() {
    assertEquals(
        new Value.Text("::ffff:10.0.0.0/104"), valid("::ffff:10.0.0.0/104", of(VariableType.CIDR)));
    assertEquals(
        "'::ffff:10.0.0.0/8' has host bits set; the network is written with them at zero",
        invalid("::ffff:10.0.0.0/8", of(VariableType.CIDR)));
    assertEquals(new Value.Text("10.0.0.0/8"), valid("10.0.0.0/8", of(VariableType.CIDR)));
  }

  @Test
  void parse_string() {
    assertEquals(new Value.Text("a string"), valid("a string", of(VariableType.STRING)));
    assertEquals(new Value.Text("a string"), valid("\"a string\"", of(VariableType.STRING)));
    assertEquals(new Value.Text("3128"), valid("3128", of(VariableType.STRING)));
    assertEquals(new Value.Text(""), valid("\"\"", of(VariableType.STRING)));
    assertEquals(new Value.Text("été"), valid("été", of(VariableType.STRING)));
  }

  @Test
  void parse_stringPattern() {
    assertEquals(new Value.Text("lan"), valid("lan", LABEL));
    assertEquals("'LAN' does not match the pattern [a-z]+", invalid("LAN", LABEL));
  }

  @Test
  void parse_integerBounds() {
    VariableDefinition interval = bounded(VariableType.INTEGER, 10L, 3600L);
    assertEquals(new Value.Int(60), valid("60", interval));
    assertEquals(new Value.Int(10), valid("10", interval));
    assertEquals(new Value.Int(3600), valid("3600", interval));
    assertEquals("5 is below the minimum 10", invalid("5", interval));
    assertEquals("4000 is above the maximum 3600", invalid("4000", interval));
    assertEquals("expected an integer written in decimal, found '60'", invalid("\"60\"", interval));
    assertEquals("expected an integer written in decimal, found '1.5'", invalid("1.5", interval));
  }

  @Test
  void parse_port() {
    assertEquals(new Value.Int(3128), valid("3128", of(VariableType.PORT)));
    assertEquals("port 99999 is outside 1..65535", invalid("99999", of(VariableType.PORT)));
    assertEquals("port 0 is outside 1..65535", invalid("0", of(VariableType.PORT)));
    assertEquals(
        "9000 is above the maximum 8999", invalid("9000", bounded(VariableType.PORT, null, 8999L)));
  }

  @Test
  void parse_boolean() {
    assertEquals(new Value.Bool(true), valid("true", of(VariableType.BOOLEAN)));
    assertEquals(new Value.Bool(false), valid("false", of(VariableType.BOOLEAN)));
    assertEquals("write true or false, not 'yes'", invalid("yes", of(VariableType.BOOLEAN)));
    assertEquals("write true or false, not 'true'", invalid("\"true\"", of(VariableType.BOOLEAN)));
  }

  @Test
  void parse_addresses() {
    assertEquals(new Value.Text("192.0.2.1"), valid("192.0.2.1", of(VariableType.IP)));
    assertEquals(new Value.Text("2001:db8::1"), valid("2001:db8::1", of(VariableType.IP)));
    assertEquals(
        "'300.1.1.1' is not an IPv4 or IPv6 address", invalid("300.1.1.1", of(VariableType.IP)));
    assertEquals(new Value.Text("10.0.0.0/8"), valid("10.0.0.0/8", of(VariableType.CIDR)));
    assertTrue(invalid("10.0.0.1/8", of(VariableType.CIDR)).contains("host bits set"));
    assertEquals(
        new Value.Text("proxy.example.org"), valid("proxy.example.org", of(VariableType.HOSTNAME)));
    assertTrue(invalid("-bad-", of(VariableType.HOSTNAME)).contains("is not a host name"));
  }

  @Test
  void parse_choice() {
    assertEquals(new Value.Text("explicit"), valid("explicit", MODE));
    assertEquals(
        "'other' is not one of the choices [transparent, explicit]", invalid("other", MODE));
  }

  @Test
  void parse_password_onlyEmpty() {
    assertEquals(new Value.Text(""), valid("\"\"", of(VariableType.PASSWORD)));
    assertTrue(invalid("s3cret", of(VariableType.PASSWORD)).contains("a password may not be set"));
  }

  @Test
  void parse_list() {
    VariableDefinition networks = listOf(VariableType.CIDR);
    assertEquals(
        new Value.ListOf(List.of(new Value.Text("10.0.0.0/8"), new Value.Text("192.168.0.0/16"))),
        valid("[10.0.0.0/8, 192.168.0.0/16]", networks));
    assertEquals(new Value.ListOf(List.of()), valid("[]", networks));
    assertEquals(
        new Value.ListOf(List.of(new Value.Int(80), new Value.Int(443))),
        valid("[80, 443]", listOf(VariableType.PORT)));
    assertEquals("value must be a list, not a string", invalid("10.0.0.0/8", networks));
    assertEquals(
        "an item of the value: '10.0.0.1/8' has host bits set; the network is written with them"
            + " at zero",
        invalid("[10.0.0.0/8, 10.0.0.1/8]", networks));
    String two = invalid("[nope, 10.0.0.1/8]", networks);
    assertTrue(two.contains("'nope' is not a network") && two.contains("'10.0.0.1/8'"), two);
    assertTrue(two.contains("; "), two);
    assertEquals(
        "an item of the value must be a cidr, not a list", invalid("[[10.0.0.0/8]]", networks));
  }

  @Test
  void parse_emptyText_isInvalid() {
    for (String text : new String[] {"", "   ", "\n", null}) {
      assertTrue(invalid(text, of(VariableType.STRING)).startsWith("no value given"), text);
    }
    assertEquals("value must be a port, not an empty value", invalid("~", of(VariableType.PORT)));
    assertEquals(
        "value must be a string, not an empty value", invalid("null", of(VariableType.STRING)));
  }

  @Test
  void parse_javaTag_isRefused() {
    String reason = invalid("!!java.lang.Object {}", of(VariableType.STRING));
    assertTrue(reason.contains("YAML tag !!java.lang.Object is not allowed"), reason);
    reason = invalid("!!javax.script.ScriptEngineManager [x]", listOf(VariableType.STRING));
    assertTrue(reason.contains("is not allowed"), reason);
  }

  @Test
  void parse_alias_isRefused() {
    assertEquals(
        "aliases (*name) are not allowed in a value: write the value out in full",
        invalid("[&a 10.0.0.0/8, *a]", listOf(VariableType.CIDR)));
    StringBuilder bomb = new StringBuilder("[&a [x, x, x]");
    for (int i = 0; i < 60; i++) {
      bomb.append(", *a");
    }
    String reason = invalid(bomb.append("]").toString(), listOf(VariableType.STRING));
    assertTrue(reason.contains("aliases"), reason);
  }

  @Test
  void parse_hugeText_isRefusedUnread() {
    String huge = "a".repeat(1 << 20);
    assertEquals(
        "the value is 1048576 characters long, more than the limit of " + OverrideValues.MAX_CHARS,
        invalid(huge, of(VariableType.STRING)));
    assertTrue(
        invalid("[" + "x, ".repeat(40_000) + "x]", listOf(VariableType.STRING))
            .contains("more than the limit"));
  }

  @Test
  void parse_nestedStructure_isRefused() {
    assertEquals(
        "value must be a string, not a mapping", invalid("{a: {b: 1}}", of(VariableType.STRING)));
    assertEquals("value must be a list, not a mapping", invalid("{a: 1}", listOf(VariableType.IP)));
    String deep = "[".repeat(200) + "]".repeat(200);
    String reason = invalid(deep, listOf(VariableType.STRING));
    assertTrue(reason.contains("nest"), reason);
  }

  @Test
  void parse_malformedYaml_isRefused() {
    assertTrue(invalid("[a, b", listOf(VariableType.STRING)).startsWith("invalid YAML"));
    assertTrue(invalid("{a: 1, a: 2}", of(VariableType.STRING)).contains("duplicate key"));
    assertTrue(invalid("a\n---\nb", of(VariableType.STRING)).contains("only one YAML document"));
  }

  @Test
  void parse_unpairedSurrogate_isRefused() {
    assertDoesNotThrow(() -> OverrideValues.parse("\"\\ud800\"", of(VariableType.STRING)));
    assertInstanceOf(
        OverrideValue.Invalid.class, OverrideValues.parse("\"\\ud800\"", of(VariableType.STRING)));
  }

  @Test
  void json_isCanonical() {
    assertEquals("3128", OverrideValues.json(new Value.Int(3128)));
    assertEquals("true", OverrideValues.json(new Value.Bool(true)));
    assertEquals("\"été \\\"x\\\"\"", OverrideValues.json(new Value.Text("été \"x\"")));
    assertEquals(
        "[\"10.0.0.0/8\",\"192.168.0.0/16\"]",
        OverrideValues.json(valid("[10.0.0.0/8, 192.168.0.0/16]", listOf(VariableType.CIDR))));
    assertEquals("[]", OverrideValues.json(new Value.ListOf(List.of())));
    assertNull(OverrideValues.json(null));
  }

  @Test
  void json_sameValueWrittenDifferently_givesSameText() {
    VariableDefinition networks = listOf(VariableType.CIDR);
    assertEquals(
        OverrideValues.json(valid("[10.0.0.0/8]", networks)),
        OverrideValues.json(valid("[ \"10.0.0.0/8\" ]  # office", networks)));
  }

  @Test
  void display_showsStoredValuesAsAdminsWriteThem() {
    List<Value> values =
        List.of(
            new Value.Int(8080),
            new Value.Bool(false),
            new Value.Text(""),
            new Value.Text("transparent"),
            new Value.ListOf(List.of(new Value.Text("10.0.0.0/8"), new Value.Text("fd00::/8"))));
    for (Value value : values) {
      assertEquals(value.display(), OverrideValues.display(OverrideValues.json(value)));
    }
    assertEquals("[10.0.0.0/8, fd00::/8]", OverrideValues.display("[\"10.0.0.0/8\",\"fd00::/8\"]"));
    assertNull(OverrideValues.display(null));
    assertEquals("{not json", OverrideValues.display("{not json"));
    assertEquals("{\"a\":1}", OverrideValues.display("{\"a\":1}"));
  }
}
