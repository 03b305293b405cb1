package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The signed part of a metadata file. Each implementation is a read-only view of the JSON object as
 * received, so that fields this version does not know survive a round trip.
 */
public sealed interface Signed
    permits RootMetadata, TargetsMetadata, SnapshotMetadata, TimestampMetadata {

  /** The specification version this implementation writes. */
  String SPEC_VERSION = "1.0.31";

  String type();

  long version();

  Instant expires();

  ObjectNode json();

  default boolean isExpired(Instant now) {
    return !now.isBefore(expires());
  }
}
