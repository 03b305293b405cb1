package dev.alize.common.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A name the server's certificate holds: a DNS name, or an IP address, as a client writes it in the
 * URL. Parsed strictly, without any DNS lookup.
 */
public record TlsName(Kind kind, String value) {

  /** The two kinds of subject alternative names a client checks for HTTPS. */
  public enum Kind {
    DNS,
    IP
  }

  /** What a certificate made without names holds: the publisher's own machine only. */
  public static final List<TlsName> DEFAULTS =
      List.of(new TlsName(Kind.DNS, "localhost"), new TlsName(Kind.IP, "127.0.0.1"));

  private static final int MAX_DNS_LENGTH = 253;
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
  private static final Pattern IPV6_LIKE = Pattern.compile("[0-9A-Fa-f:.]+");

  /**
   * A DNS name ({@code models.example.org}, {@code *.example.org}) or an IP address ({@code
   * 192.0.2.10}, {@code 2001:db8::10}).
   *
   * @throws TlsException saying what is wrong with {@code text}
   */
  public static TlsName parse(String text) {
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    if (text.contains("/")) {
      throw invalid(text, "give the host alone, without a scheme, a port or a path");
    }
    if (text.contains(":")) {
      // An IPv6 address holds two ':' at least; one is a port.
      if (text.indexOf(':') == text.lastIndexOf(':')) {
        throw invalid(text, "give the host alone, without a port");
      }
      return ipv6(text);
    }
    if (IPV4_LIKE.matcher(text).matches()) {
      return ipv4(text);
    }
    return dns(text);
  }

  private static TlsName ipv4(String text) {
    if (!IPV4.matcher(text).matches()) {
      throw invalid(text, "an IPv4 address is four numbers from 0 to 255, without leading zeros");
    }
    for (String part : text.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        throw invalid(text, part + " is above 255");
      }
    }
    return ip(text);
  }

  private static TlsName ipv6(String text) {
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPV6_LIKE.matcher(bare).matches()) {
      throw invalid(text, "an IPv6 address holds only hexadecimal digits and ':'");
    }
    return ip(bare);
  }

  /** The address in its usual form; only ever given a literal, so never looked up. */
  private static TlsName ip(String literal) {
    InetAddress address;
    try {
      address = InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw invalid(literal, "not an IP address");
    }
    if (address.isAnyLocalAddress()) {
      throw invalid(
          literal,
          "it means every interface to a server, but no client connects to it: give the"
              + " address clients use");
    }
    return new TlsName(Kind.IP, address.getHostAddress());
  }

  private static TlsName dns(String text) {
    String name = text.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      throw invalid(text, "write it without the final '.'");
    }
    if (name.length() > MAX_DNS_LENGTH) {
      throw invalid(text, "a DNS name has at most " + MAX_DNS_LENGTH + " characters");
    }
    String[] labels = name.split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      if (i == 0 && label.equals("*")) {
        if (labels.length < 3) {
          throw invalid(text, "a wildcard stands for one label of a domain of two labels or more");
        }
        continue;
      }
      if (label.isEmpty()) {
        throw invalid(text, "it has an empty label (two '.' in a row, or a leading '.')");
      }
      if (!LABEL.matcher(label).matches()) {
        throw invalid(
            text,
            "label '"
                + label
                + "' must be 1 to 63 letters, digits or '-', not starting or ending with '-'"
                + (label.contains("*") ? " ('*' only as the whole first label)" : ""));
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw invalid(text, "the last label of a DNS name is not a number");
    }
    return new TlsName(Kind.DNS, name);
  }

  private static TlsException invalid(String text, String why) {
    return new TlsException(
        "'" + text + "' is not a DNS name or an IP address for a certificate: " + why);
  }

  @Override
  public String toString() {
    return value;
  }
}
