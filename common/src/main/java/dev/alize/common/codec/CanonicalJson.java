package dev.alize.common.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON as The Update Framework and securesystemslib define it (the OLPC form): no
 * insignificant white space, object keys sorted by Unicode code point, strings in UTF-8 with only
 * {@code "} and {@code \} escaped, integers only. The same value always gives the same bytes, so
 * they can be hashed and signed.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /**
   * Encodes a tree of {@link Map} (with String keys), {@link Collection}, {@link String}, {@link
   * Long}, {@link Integer}, {@link Boolean} and null.
   *
   * @throws IllegalArgumentException for any other value, floating-point numbers included
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  private static void write(Object value, ByteArrayOutputStream out) {
    if (value == null) {
      ascii("null", out);
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      ascii(b.toString(), out);
    } else if (value instanceof Long || value instanceof Integer) {
      ascii(value.toString(), out);
    } else if (value instanceof Map<?, ?> map) {
      object(map, out);
    } else if (value instanceof Collection<?> items) {
      out.write('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.write(',');
        }
        first = false;
        write(item, out);
      }
      out.write(']');
    } else {
      throw new IllegalArgumentException(
          "canonical JSON cannot encode " + value.getClass().getSimpleName());
    }
  }

  private static void object(Map<?, ?> map, ByteArrayOutputStream out) {
    List<String> keys = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (!(key instanceof String s)) {
        throw new IllegalArgumentException("canonical JSON object keys must be strings");
      }
      keys.add(s);
    }
    keys.sort(CanonicalJson::compareCodePoints);
    out.write('{');
    boolean first = true;
    for (String key : keys) {
      if (!first) {
        out.write(',');
      }
      first = false;
      string(key, out);
      out.write(':');
      write(map.get(key), out);
    }
    out.write('}');
  }

  /** Orders strings by code point, as Python sorts keys, not by UTF-16 unit as Java does. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static void string(String s, ByteArrayOutputStream out) {
    out.write('"');
    byte[] bytes = s.replace("\\", "\\\\").replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    out.write('"');
  }

  private static void ascii(String s, ByteArrayOutputStream out) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes, 0, bytes.length);
  }
}
