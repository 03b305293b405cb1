package dev.alize.common.tuf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes parsed as TUF metadata of any role give metadata or a format error, nothing else. */
class MetadataFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void parse(FuzzedDataProvider data) {
    int role = data.consumeInt(0, 3);
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      switch (role) {
        case 0 -> Metadata.root(bytes);
        case 1 -> Metadata.timestamp(bytes);
        case 2 -> Metadata.snapshot(bytes);
        default -> Metadata.targets(bytes);
      }
    } catch (MetadataFormatException expected) {
      // Refused, with the reason.
    }
  }
}
