package dev.alize.common.yaml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any text read by the YAML reader gives a tree or problems, never an exception. The test command
 * replays the inputs under src/test/resources; {@code -Pfuzz} searches for new ones (see the
 * README's "Two commands").
 */
class YamlReaderFuzzTest {

  private static final YamlReader READER = new YamlReader(YamlLimits.DEFAULT);

  @FuzzTest(maxDuration = "2m")
  void read(byte[] input) {
    YamlReadResult result = READER.read("f.yaml", new String(input, StandardCharsets.UTF_8));
    assertTrue(result.root().isPresent() || !result.problems().isEmpty());
  }
}
