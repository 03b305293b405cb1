package dev.alize.common.tuf;

import java.util.Map;
import java.util.Optional;

/**
 * What timestamp says of snapshot, and snapshot of each targets role.
 *
 * @param length null when not given
 * @param hashes empty when not given
 */
public record MetaFile(long version, Long length, Map<String, String> hashes) {
  public MetaFile {
    hashes = Map.copyOf(hashes);
  }

  public Optional<Long> findLength() {
    return Optional.ofNullable(length);
  }
}
