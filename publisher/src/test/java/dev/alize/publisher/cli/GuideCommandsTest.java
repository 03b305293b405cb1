package dev.alize.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.docs.GuideCommands;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command line of the guides that runs {@code publisher.jar} must parse against the real
 * command line, so that a renamed command or option fails here, naming the guide and its line.
 */
class GuideCommandsTest {

  /** Guards against an extractor that silently finds nothing. */
  private static final int MIN_COMMANDS = 20;

  @Test
  void everyCommandOfTheGuidesParses() {
    List<String> failures =
        GuideCommands.failures(
            "publisher/target/publisher.jar", MIN_COMMANDS, GuideCommandsTest::parseProblem);
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " command line(s) of the guides no longer parse against the code:\n"
            + String.join("\n", failures));
  }

  @Test
  void anUnknownCommandOrOption_doesNotParse() {
    assertNotNull(parseProblem(List.of("no-such-command")));
    assertNotNull(parseProblem(List.of("--no-such-option")));
  }

  /** Null when {@code args} parse, else why not. */
  private static String parseProblem(List<String> args) {
    try {
      PublisherCli.commandLine().parseArgs(args.toArray(String[]::new));
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
