package dev.alize.common.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypeRulesTest {

  private static final String NOT_IP = "is not an IPv4 or IPv6 address";
  private static final String BAD_LABEL =
      "is not a host name: each dot-separated label has 1 to 63 letters, digits or '-', and does"
          + " not start or end with '-'";

  /** 63 + 1 + 63 + 1 + 63 + 1 + 61: the longest name allowed. */
  private static final String NAME_253 =
      "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "192.168.0.1",
        "255.255.255.255",
        "10.0.0.1",
        "::",
        "::1",
        "fd00::1",
        "2001:db8::",
        "2001:DB8:0:0:0:0:0:1",
        "1:2:3:4:5:6:7:8"
      })
  void checkIp_acceptsAddresses(String text) {
    assertEquals(Optional.empty(), TypeRules.checkIp(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "010.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "256.0.0.1",
        "1.2.3.-4",
        " 1.2.3.4",
        "fe80::1%eth0",
        "[::1]",
        "1:2:3:4:5:6:7:8:9",
        "fd00:::1",
        "12345::1",
        "1.2.3.4:80",
        "example.org",
        "localhost",
        ""
      })
  void checkIp_refusesOthers(String text) {
    assertEquals(Optional.of("'" + text + "' " + NOT_IP), TypeRules.checkIp(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/8",
        "0.0.0.0/0",
        "192.168.1.1/32",
        "172.16.0.0/12",
        "fd00::/8",
        "2001:db8::/32",
        "::/0",
        "::1/128"
      })
  void checkCidr_acceptsNetworks(String text) {
    assertEquals(Optional.empty(), TypeRules.checkCidr(text));
  }

  @ParameterizedTest
  @MethodSource
  void checkCidr_refusesOthers(String text, String reason) {
    assertEquals(Optional.of("'" + text + "' " + reason), TypeRules.checkCidr(text));
  }

  static Stream<Arguments> checkCidr_refusesOthers() {
    String hostBits = "has host bits set; the network is written with them at zero";
    return Stream.of(
        Arguments.of("10.0.0.1/8", hostBits),
        Arguments.of("192.168.1.128/24", hostBits),
        Arguments.of("fd00::1/8", hostBits),
        Arguments.of("10.0.0.0/33", "has a prefix length that is not between 0 and 32"),
        Arguments.of("10.0.0.0/08", "has a prefix length that is not between 0 and 32"),
        Arguments.of("10.0.0.0/", "has a prefix length that is not between 0 and 32"),
        Arguments.of("10.0.0.0/-1", "has a prefix length that is not between 0 and 32"),
        Arguments.of("10.0.0.0/8/8", "has a prefix length that is not between 0 and 32"),
        Arguments.of("fd00::/129", "has a prefix length that is not between 0 and 128"),
        Arguments.of("10.0.0/8", "does not start with an IPv4 or IPv6 address"),
        Arguments.of("010.0.0.0/8", "does not start with an IPv4 or IPv6 address"),
        Arguments.of("example.org/8", "does not start with an IPv4 or IPv6 address"),
        Arguments.of("10.0.0.0", "is not a network: write ADDRESS/PREFIX, as 10.0.0.0/8"),
        Arguments.of("fd00::", "is not a network: write ADDRESS/PREFIX, as 10.0.0.0/8"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "proxy.ac-dijon.fr",
        "Proxy.Example.ORG",
        "xn--dijon-bsa.fr",
        "123.example",
        "a-b-c"
      })
  void checkHostname_acceptsNames(String text) {
    assertEquals(Optional.empty(), TypeRules.checkHostname(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-a.b",
        "a-.b",
        "a..b",
        ".a",
        "example.org.",
        "under_score.fr",
        "proxy dijon.fr",
        "dijon.académie.fr"
      })
  void checkHostname_refusesBadLabels(String text) {
    assertEquals(Optional.of("'" + text + "' " + BAD_LABEL), TypeRules.checkHostname(text));
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64})
  void checkHostname_limitsLabelsTo63Characters(int length) {
    String name = "x".repeat(length) + ".fr";

    assertEquals(
        length <= 63 ? Optional.empty() : Optional.of("'" + name + "' " + BAD_LABEL),
        TypeRules.checkHostname(name));
  }

  @Test
  void checkHostname_acceptsUpTo253Characters() {
    assertEquals(253, NAME_253.length());
    assertEquals(Optional.empty(), TypeRules.checkHostname(NAME_253));
  }

  @ParameterizedTest
  @MethodSource
  void checkHostname_refusesEmptyOrLongerThan253(String text) {
    assertEquals(
        Optional.of("'" + text + "' is not a host name: 1 to 253 characters"),
        TypeRules.checkHostname(text));
  }

  static Stream<String> checkHostname_refusesEmptyOrLongerThan253() {
    return Stream.of("", NAME_253 + "d");
  }
}
