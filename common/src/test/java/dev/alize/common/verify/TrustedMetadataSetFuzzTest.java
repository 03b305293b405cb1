package dev.alize.common.verify;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.alize.common.tuf.MetadataFormatException;

/**
 * The state machine fed any bytes, as a hostile mirror would serve them, at each step it takes
 * bytes: it accepts them or refuses them with a repository or format error, nothing else, and is
 * never left half-updated in a way that a later correct step trips on.
 */
class TrustedMetadataSetFuzzTest {

  private static final RepositorySimulator SIM = new RepositorySimulator();

  @FuzzTest(maxDuration = "2m")
  void update(FuzzedDataProvider data) {
    int step = data.consumeInt(0, 2);
    byte[] bytes = data.consumeRemainingAsBytes();
    TrustedMetadataSet set =
        new TrustedMetadataSet(SIM.rootBytes(1), RepositorySimulator.REFERENCE_TIME);
    try {
      switch (step) {
        case 0 -> set.updateRoot(bytes);
        case 1 -> set.updateTimestamp(bytes);
        default -> {
          set.updateTimestamp(SIM.metadata("timestamp"));
          set.updateSnapshot(bytes, false);
        }
      }
    } catch (RepositoryException | MetadataFormatException expected) {
      // Refused, with the role and the reason.
    }
  }
}
