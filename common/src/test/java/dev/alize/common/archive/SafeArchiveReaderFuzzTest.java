package dev.alize.common.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/** Any bytes read as an archive give files or an {@link ArchiveException}, nothing else. */
class SafeArchiveReaderFuzzTest {

  private static final SafeArchiveReader READER =
      new SafeArchiveReader(new ArchiveLimits(1_000, 1 << 20, 8L << 20));

  @FuzzTest(maxDuration = "2m")
  void read(byte[] input) {
    try {
      READER.read(new ByteArrayInputStream(input));
    } catch (ArchiveException expected) {
      // A refusal is the answer to most inputs.
    }
  }
}
