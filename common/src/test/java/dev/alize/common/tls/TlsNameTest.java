package dev.alize.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names for the generated certificate: every form a client may use, and every hostile one. */
class TlsNameTest {

  @ParameterizedTest
  @CsvSource({
    "models.example.org, DNS, models.example.org",
    "Models.Example.ORG, DNS, models.example.org",
    "localhost, DNS, localhost",
    "*.example.org, DNS, *.example.org",
    "xn--bcher-kva.example, DNS, xn--bcher-kva.example",
    "a-1.b2, DNS, a-1.b2",
    "192.0.2.10, IP, 192.0.2.10",
    "127.0.0.1, IP, 127.0.0.1",
    "0.1.2.3, IP, 0.1.2.3",
    "2001:db8::10, IP, 2001:db8:0:0:0:0:0:10",
    "[::1], IP, 0:0:0:0:0:0:0:1",
  })
  void parse_acceptsDnsNamesAndAddresses(String text, TlsName.Kind kind, String value) {
    assertEquals(new TlsName(kind, value), TlsName.parse(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| it is empty",
        "a_b.example| label 'a_b' must be 1 to 63 letters, digits or '-', not starting or ending"
            + " with '-'",
        "-a.example| label '-a' must be",
        "a-.example| label 'a-' must be",
        "a..example| it has an empty label",
        ".example.org| it has an empty label",
        "example.org.| write it without the final '.'",
        "exa mple.org| label 'exa mple' must be",
        "a.*.example| ('*' only as the whole first label)",
        "*x.example.org| ('*' only as the whole first label)",
        "*.org| a wildcard stands for one label of a domain of two labels or more",
        "example.123| the last label of a DNS name is not a number",
        "999.0.0.1| 999 is above 255",
        "256.1.1.1| 256 is above 255",
        "1.2.3| an IPv4 address is four numbers from 0 to 255, without leading zeros",
        "1.2.3.4.5| an IPv4 address is four numbers",
        "01.2.3.4| an IPv4 address is four numbers",
        "12345| an IPv4 address is four numbers",
        "0.0.0.0| it means every interface to a server",
        "::| it means every interface to a server",
        "fe80::1%eth0| an IPv6 address holds only hexadecimal digits and ':'",
        "2001:db8::g| an IPv6 address holds only hexadecimal digits and ':'",
        "1:2:3:4:5:6:7:8:9| not an IP address",
        "https://models.example.org| give the host alone, without a scheme, a port or a path",
        "models.example.org/repo| give the host alone, without a scheme, a port or a path",
        "models.example.org:8443| give the host alone, without a port",
        "192.0.2.10:8443| give the host alone, without a port",
      })
  void parse_refusesWhatIsNeitherSayingWhy(String text, String why) {
    TlsException e = assertThrows(TlsException.class, () -> TlsName.parse(text));
    String prefix = "'" + text + "' is not a DNS name or an IP address for a certificate: ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertTrue(e.getMessage().substring(prefix.length()).contains(why), e.getMessage());
  }

  @Test
  void parse_refusesALabelOf64AndANameOver253Characters() {
    String label64 = "a".repeat(64);
    assertThrows(TlsException.class, () -> TlsName.parse(label64 + ".example"));
    TlsName.parse("a".repeat(63) + ".example");
    String long254 = ("a".repeat(62) + ".").repeat(4) + "ab";
    assertEquals(254, long254.length());
    TlsException e = assertThrows(TlsException.class, () -> TlsName.parse(long254));
    assertEquals(
        "'"
            + long254
            + "' is not a DNS name or an IP address for a certificate: a DNS name has"
            + " at most 253 characters",
        e.getMessage());
  }
}
