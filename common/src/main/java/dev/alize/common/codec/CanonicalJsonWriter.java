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

  /** The last key of each object that encloses the innermost one open. */
  private final Deque<String> outer = new ArrayDeque<>();

  /** The last key written in the innermost object open; null before its first. */
  private String last;

  private int depth;

  CanonicalJsonWriter(CanonicalJson.Bytes out) {
    this.out = out;
  }

  public CanonicalJsonWriter beginObject() {
    if (depth++ > 0) {
      // An object inside another is the value of the key just written, never null.
      outer.push(last);
    }
    out.write('{');
    last = null;
    return this;
  }

  public CanonicalJsonWriter endObject() {
    out.write('}');
    last = --depth > 0 ? outer.pop() : null;
    return this;
  }

  /**
   * @throws IllegalStateException outside an object, or for a key not after the previous one in
   *     code-point order
   */
  public CanonicalJsonWriter key(String key) {
    if (depth == 0) {
      throw new IllegalStateException("a key outside an object: " + key);
    }
    if (last != null) {
      if (CanonicalJson.compareCodePoints(last, key) >= 0) {
        throw new IllegalStateException("key " + key + " is not after " + last);
      }
      out.write(',');
    }
    last = key;
    CanonicalJson.string(key, out, false);
    out.write(':');
    return this;
  }

  /** Any value {@link CanonicalJson#encode} takes. */
  public CanonicalJsonWriter value(Object value) {
    CanonicalJson.write(value, out, false);
    return this;
  }
}
