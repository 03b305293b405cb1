package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Timestamp: the current version of snapshot, re-signed often. */
public record TimestampMetadata(ObjectNode json, long version, Instant expires, MetaFile snapshot)
    implements Signed {

  public static final String TYPE = "timestamp";

  public static TimestampMetadata from(ObjectNode json) {
    CommonFields common = CommonFields.read(json, TYPE);
    Fields f = new Fields(TYPE);
    ObjectNode meta = f.object(json, "meta");
    if (meta.size() != 1 || !meta.has("snapshot.json")) {
      throw f.error("'meta' must describe snapshot.json and nothing else");
    }
    return new TimestampMetadata(
        json,
        common.version(),
        common.expires(),
        SnapshotMetadata.metaFile(f, meta.get("snapshot.json")));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
