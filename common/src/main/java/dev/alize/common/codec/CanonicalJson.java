package dev.alize.common.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
   * Long}, {@link Integer}, {@link BigInteger}, {@link Boolean} and null, or a parsed {@link
   * JsonNode}.
   *
   * @throws IllegalArgumentException for any other value, floating-point numbers included
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out, false);
    return out.toByteArray();
  }

  /**
   * As {@link #encode}, with control characters in strings escaped, as a file that every JSON
   * reader accepts must have them. Parsing these bytes and encoding the value again gives {@link
   * #encode}'s bytes, so signatures over the canonical form hold.
   */
  public static byte[] encodeForFile(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out, true);
    return out.toByteArray();
  }

  private static void write(Object value, ByteArrayOutputStream out, boolean file) {
    if (value == null) {
      ascii("null", out);
    } else if (value instanceof String s) {
      string(s, out, file);
    } else if (value instanceof Boolean b) {
      ascii(b.toString(), out);
    } else if (value instanceof JsonNode node) {
      write(plain(node), out, file);
    } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      ascii(value.toString(), out);
    } else if (value instanceof Map<?, ?> map) {
      object(map, out, file);
    } else if (value instanceof Collection<?> items) {
      out.write('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.write(',');
        }
        first = false;
        write(item, out, file);
      }
      out.write(']');
    } else {
      throw new IllegalArgumentException(
          "canonical JSON cannot encode " + value.getClass().getSimpleName());
    }
  }

  /** A parsed JSON tree as the plain values {@link #encode} takes. */
  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue();
    }
    throw new IllegalArgumentException("canonical JSON cannot encode " + node.getNodeType());
  }

  private static void object(Map<?, ?> map, ByteArrayOutputStream out, boolean file) {
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
      string(key, out, file);
      out.write(':');
      write(map.get(key), out, file);
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

  /** Whether {@code s} holds half of a surrogate pair alone, which no UTF-8 can carry. */
  static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static void string(String s, ByteArrayOutputStream out, boolean file) {
    if (hasUnpairedSurrogate(s)) {
      // UTF-8 cannot encode it; encoding it as '?' would make two strings hash the same.
      throw new IllegalArgumentException("canonical JSON cannot encode an unpaired surrogate");
    }
    out.write('"');
    String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
    byte[] bytes = (file ? escapeControls(escaped) : escaped).getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    out.write('"');
  }

  private static String escapeControls(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static void ascii(String s, ByteArrayOutputStream out) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes, 0, bytes.length);
  }
}
