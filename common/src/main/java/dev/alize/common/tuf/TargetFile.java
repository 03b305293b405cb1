package dev.alize.common.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A target: its length, hashes and the publisher's custom facts.
 *
 * @param custom the {@code custom} object, or a missing node
 */
public record TargetFile(String path, long length, Map<String, String> hashes, JsonNode custom) {
  public TargetFile {
    // In file order: the first hash names the file under consistent snapshots.
    hashes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hashes));
  }
}
