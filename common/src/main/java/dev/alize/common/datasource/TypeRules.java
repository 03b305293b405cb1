package dev.alize.common.datasource;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The textual rules of the address and name types. Each check returns the reason a text is not
 * valid, or empty. No check ever resolves a name over the network.
 */
final class TypeRules {

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private TypeRules() {}

  static Optional<String> checkIp(String text) {
    return address(text).isPresent()
        ? Optional.empty()
        : Optional.of("'" + text + "' is not an IPv4 or IPv6 address");
  }

  static Optional<String> checkCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.of("'" + text + "' is not a network: write ADDRESS/PREFIX, as 10.0.0.0/8");
    }
    Optional<byte[]> address = address(text.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.of("'" + text + "' does not start with an IPv4 or IPv6 address");
    }
    int bits = address.get().length * 8;
    String prefixText = text.substring(slash + 1);
    if (!prefixText.matches("0|[1-9]\\d{0,2}") || Integer.parseInt(prefixText) > bits) {
      return Optional.of("'" + text + "' has a prefix length that is not between 0 and " + bits);
    }
    int prefix = Integer.parseInt(prefixText);
    BigInteger value = new BigInteger(1, address.get());
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    if (!value.and(hostMask).equals(BigInteger.ZERO)) {
      return Optional.of(
          "'" + text + "' has host bits set; the network is written with them at zero");
    }
    return Optional.empty();
  }

  static Optional<String> checkHostname(String text) {
    if (text.isEmpty() || text.length() > 253) {
      return Optional.of("'" + text + "' is not a host name: 1 to 253 characters");
    }
    for (String label : text.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of(
            "'"
                + text
                + "' is not a host name: each dot-separated label has 1 to 63 letters, digits or"
                + " '-', and does not start or end with '-'");
      }
    }
    return Optional.empty();
  }

  /** The address's bytes if {@code text} is an IPv4 or IPv6 literal. */
  private static Optional<byte[]> address(String text) {
    if (IPV4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      return Optional.of(bytes);
    }
    if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      // A text with ':' is parsed as an IPv6 literal, never looked up.
      InetAddress parsed = InetAddress.getByName(text);
      byte[] bytes = parsed.getAddress();
      if (bytes.length == 4) {
        // Java turns an IPv4-mapped IPv6 address (::ffff:10.0.0.0) into the IPv4 one; written
        // with ':', it is an IPv6 address, with IPv6's 128 bits of prefix.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        bytes = mapped;
      }
      return Optional.of(bytes);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
