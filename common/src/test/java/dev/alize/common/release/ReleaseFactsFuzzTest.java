package dev.alize.common.release;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alize.common.codec.CanonicalJson;

/**
 * A target's custom field, as any publisher or mirror could write it: release facts are read or
 * refused naming the field; canonical JSON encodes any document JSON can hold but an unpaired
 * surrogate, which it refuses.
 */
class ReleaseFactsFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "2m")
  void fromJson(byte[] input) {
    JsonNode node;
    try {
      node = JSON.readTree(input);
    } catch (JsonProcessingException e) {
      return;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (node == null) {
      return;
    }
    try {
      ReleaseFacts.fromJson(node);
    } catch (IllegalArgumentException expected) {
      // Refused, naming the field.
    }
    try {
      CanonicalJson.encode(node);
    } catch (IllegalArgumentException expected) {
      // An unpaired surrogate or a number canonical JSON cannot hold.
    }
  }
}
