package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.tuf.Signed;
import dev.alize.common.tuf.TufTime;
import java.time.Instant;

/** The signed part of new metadata, and updates of existing ones that keep unknown fields. */
final class SignedJson {

  private SignedJson() {}

  static ObjectNode create(String type, long version, Instant expires) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("_type", type);
    json.put("spec_version", Signed.SPEC_VERSION);
    return renew(json, version, expires);
  }

  /** The same signed content under a new version and expiry. */
  static ObjectNode renew(ObjectNode signed, long version, Instant expires) {
    ObjectNode copy = signed.deepCopy();
    copy.put("version", version);
    copy.put("expires", TufTime.format(expires));
    return copy;
  }
}
