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
    follow(key);
    last = key;
    CanonicalJson.string(key, out, false);
    out.write(':');
    return this;
  }

  /**
   * The members of {@code object}, an object written by {@link CanonicalJson#encodeWritten}, as if
   * written here one by one: a form repeated in many objects (a variable's definition, the same in
   * every model that runs its service) is encoded once.
   *
   * @param first the first key of {@code object}, not checked against it
   * @param lastKey the last key of {@code object}, not checked against it
   * @throws IllegalArgumentException when {@code object} is not an object with members
   * @throws IllegalStateException outside an object, or for members not after the previous key
   */
  public CanonicalJsonWriter members(String first, String lastKey, byte[] object) {
    if (object.length <= 2 || object[0] != '{' || object[object.length - 1] != '}') {
      throw new IllegalArgumentException("not an encoded object with members");
    }
    follow(first);
    last = lastKey;
    out.write(object, 1, object.length - 1);
    return this;
  }

  /** Checks that {@code key} may come next in the innermost object, and separates it. */
  private void follow(String key) {
    if (depth == 0) {
      throw new IllegalStateException("a key outside an object: " + key);
    }
    if (last != null) {
      if (CanonicalJson.compareCodePoints(last, key) >= 0) {
        throw new IllegalStateException("key " + key + " is not after " + last);
      }
      out.write(',');
    }
  }

  /**
   * A value already encoded by {@link CanonicalJson#encodeWritten} or {@link CanonicalJson#encode}
   * (not {@link CanonicalJson#encodeForFile}, whose escapes differ), written as it is.
   */
  public CanonicalJsonWriter encoded(byte[] value) {
    out.write(value, 0, value.length);
    return this;
  }

  /** Any value {@link CanonicalJson#encode} takes. */
  public CanonicalJsonWriter value(Object value) {
    CanonicalJson.write(value, out, false);
    return this;
  }
}
