package dev.alize.common.codec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Canonical JSON written piece by piece, by a caller that writes each object's keys in code-point
 * order itself: a content hash encodes a form per model, and building and sorting a map for each
 * cost more than hashing the bytes. A key out of order throws, so that what is written is always
 * what {@link CanonicalJson#encode} gives for the same value.
 */
public final class CanonicalJsonWriter {

  private final CanonicalJson.Bytes out;

  /** The last key written in each object open, the innermost first. */
  private final Deque<String> keys = new ArrayDeque<>();

  /** Whether a value was written since the innermost object opened. */
  private boolean comma;

  CanonicalJsonWriter(CanonicalJson.Bytes out) {
    this.out = out;
  }

  public CanonicalJsonWriter beginObject() {
    out.write('{');
    keys.push("");
    comma = false;
    return this;
  }

  public CanonicalJsonWriter endObject() {
    keys.pop();
    out.write('}');
    comma = true;
    return this;
  }

  /**
   * @throws IllegalStateException outside an object, or for a key not after the previous one in
   *     code-point order
   */
  public CanonicalJsonWriter key(String key) {
    String previous = keys.poll();
    if (previous == null) {
      throw new IllegalStateException("a key outside an object: " + key);
    }
    if (comma) {
      if (CanonicalJson.compareCodePoints(previous, key) >= 0) {
        throw new IllegalStateException("key " + key + " is not after " + previous);
      }
      out.write(',');
    }
    keys.push(key);
    CanonicalJson.string(key, out, false);
    out.write(':');
    return this;
  }

  /** Any value {@link CanonicalJson#encode} takes. */
  public CanonicalJsonWriter value(Object value) {
    CanonicalJson.write(value, out, false);
    comma = true;
    return this;
  }
}
