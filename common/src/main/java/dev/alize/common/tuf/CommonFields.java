package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The fields every role has, checked once for all roles. */
record CommonFields(long version, Instant expires, String specVersion) {

  static CommonFields read(ObjectNode json, String type) {
    Fields f = new Fields(type);
    String found = f.text(json, "_type");
    if (!found.equals(type)) {
      throw f.error("'_type' is '" + found + "', expected '" + type + "'");
    }
    String spec = f.text(json, "spec_version");
    String[] parts = spec.split("\\.");
    if (parts.length < 2 || parts.length > 3 || !parts[0].equals("1")) {
      throw f.error("unsupported spec_version '" + spec + "': this client reads 1.x");
    }
    return new CommonFields(f.positive(json, "version"), f.expires(json), spec);
  }
}
