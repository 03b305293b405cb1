package dev.alize.common.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Canonical JSON as The Update Framework and securesystemslib define it (the OLPC form): no
 * insignificant white space, object keys sorted by Unicode code point, strings in UTF-8 with only
 * {@code "} and {@code \} escaped, integers only. The same value always gives the same bytes, so
 * they can be hashed and signed.
 */
public final class CanonicalJson {

  /** The most bytes a thread's buffer keeps between encodings; a larger one is dropped. */
  private static final int KEPT = 64 * 1024;

  /**
   * Each thread's buffer, reused: a content hash encodes a form per model, and growing a new buffer
   * for each made a tenth of all the garbage of a release.
   */
  private static final ThreadLocal<Bytes> BUFFER = ThreadLocal.withInitial(Bytes::new);

  /** The order of an object's keys: by code point, as Python sorts them. */
  public static final Comparator<String> KEY_ORDER = CanonicalJson::compareCodePoints;

  private CanonicalJson() {}

  /**
   * Encodes a tree of {@link Map} (with String keys), {@link Collection}, {@link String}, {@link
   * Long}, {@link Integer}, {@link BigInteger}, {@link Boolean} and null, or a parsed {@link
   * JsonNode}.
   *
   * @throws IllegalArgumentException for any other value, floating-point numbers included
   */
  public static byte[] encode(Object value) {
    return encode(value, false);
  }

  /**
   * As {@link #encode}, with control characters in strings escaped, as a file that every JSON
   * reader accepts must have them. Parsing these bytes and encoding the value again gives {@link
   * #encode}'s bytes, so signatures over the canonical form hold.
   */
  public static byte[] encodeForFile(Object value) {
    return encode(value, true);
  }

  private static byte[] encode(Object value, boolean file) {
    return encode(out -> write(value, out, file));
  }

  /**
   * What {@code writing} writes with a {@link CanonicalJsonWriter}: the same bytes as {@link
   * #encode} of the same value, built without maps for a caller that knows its keys.
   */
  public static byte[] encodeWritten(Consumer<CanonicalJsonWriter> writing) {
    return encode(out -> writing.accept(new CanonicalJsonWriter(out)));
  }

  private static byte[] encode(Consumer<Bytes> writing) {
    Bytes kept = BUFFER.get();
    // An encoding started while another is written (a part encoded once for many) has its own.
    Bytes out = kept.busy ? new Bytes() : kept;
    out.size = 0;
    out.busy = true;
    try {
      writing.accept(out);
      return Arrays.copyOf(out.bytes, out.size);
    } finally {
      out.busy = false;
      if (out == kept && kept.bytes.length > KEPT) {
        BUFFER.remove();
      }
    }
  }

  static void write(Object value, Bytes out, boolean file) {
    if (value == null) {
      out.ascii("null");
    } else if (value instanceof String s) {
      string(s, out, file);
    } else if (value instanceof Boolean b) {
      out.ascii(b.toString());
    } else if (value instanceof JsonNode node) {
      write(plain(node), out, file);
    } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      out.ascii(value.toString());
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

  private static void object(Map<?, ?> map, Bytes out, boolean file) {
    // Sorted as entries, so that each value is at hand without a second look-up.
    Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry<?, ?>[0]);
    for (Map.Entry<?, ?> e : entries) {
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException("canonical JSON object keys must be strings");
      }
    }
    Arrays.sort(entries, (a, b) -> compareCodePoints((String) a.getKey(), (String) b.getKey()));
    out.write('{');
    for (int i = 0; i < entries.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      string((String) entries[i].getKey(), out, file);
      out.write(':');
      write(entries[i].getValue(), out, file);
    }
    out.write('}');
  }

  /** Orders strings by code point, as Python sorts keys, not by UTF-16 unit as Java does. */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char ca = a.charAt(k);
      char cb = b.charAt(k);
      if (ca != cb) {
        // Outside the surrogates a UTF-16 unit is its code point, so the units decide.
        return Character.isSurrogate(ca) || Character.isSurrogate(cb)
            ? compareFrom(a, b, k == 0 ? 0 : k - 1)
            : Integer.compare(ca, cb);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** Compares by code point from {@code k}, where both strings hold the same units before it. */
  private static int compareFrom(String a, String b, int k) {
    int i = k;
    int j = k;
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

  /** The string quoted, escaped and encoded as UTF-8 in one pass: content hashes encode many. */
  static void string(String s, Bytes out, boolean file) {
    int n = s.length();
    // At most three bytes a unit (a pair's four for two units), six for an escaped control.
    byte[] b = out.reserve((file ? 6 : 3) * n + 2);
    int at = out.size;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b[at++] = '\\';
        b[at++] = (byte) c;
      } else if (c < 0x20 && file) {
        at = control(c, b, at);
      } else if (c < 0x80) {
        b[at++] = (byte) c;
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | c >> 6);
        b[at++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        b[at++] = (byte) (0xE0 | c >> 12);
        b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int p = Character.toCodePoint(c, s.charAt(++i));
        b[at++] = (byte) (0xF0 | p >> 18);
        b[at++] = (byte) (0x80 | p >> 12 & 0x3F);
        b[at++] = (byte) (0x80 | p >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | p & 0x3F);
      } else {
        // UTF-8 cannot encode it; encoding it as '?' would make two strings hash the same.
        throw new IllegalArgumentException("canonical JSON cannot encode an unpaired surrogate");
      }
    }
    b[at++] = '"';
    out.size = at;
  }

  /** Writes the escape of control character {@code c} at {@code at}; returns the next index. */
  private static int control(char c, byte[] b, int at) {
    String escape =
        switch (c) {
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          default -> String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    for (int i = 0; i < escape.length(); i++) {
      b[at++] = (byte) escape.charAt(i);
    }
    return at;
  }

  /** A growable byte array without ByteArrayOutputStream's lock on every byte. */
  static final class Bytes {
    private byte[] bytes = new byte[256];
    private int size;
    private boolean busy;

    /** The array, with room for {@code more} bytes after {@link #size}. */
    byte[] reserve(int more) {
      if (bytes.length - size < more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
      return bytes;
    }

    void write(int b) {
      reserve(1)[size++] = (byte) b;
    }

    void write(byte[] b, int from, int to) {
      System.arraycopy(b, from, reserve(to - from), size, to - from);
      size += to - from;
    }

    void ascii(String s) {
      byte[] b = reserve(s.length());
      for (int i = 0; i < s.length(); i++) {
        b[size++] = (byte) s.charAt(i);
      }
    }
  }
}
