package dev.alize.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What both applications' help must be: every option and parameter described, every command's
 * summary a whole sentence that the command list shows whole.
 */
public final class HelpTexts {

  private HelpTexts() {}

  /** Fails naming each option or parameter of {@code root} and its commands that has no text. */
  public static void assertEveryArgumentDescribed(CommandLine root) {
    List<String> undescribed = new ArrayList<>();
    for (CommandSpec command : commands(root.getCommandSpec())) {
      List<ArgSpec> args = new ArrayList<>(command.options());
      args.addAll(command.positionalParameters());
      for (ArgSpec arg : args) {
        if (String.join("", arg.description()).isBlank()) {
          undescribed.add(command.qualifiedName() + " " + arg.paramLabel());
        }
      }
    }
    assertEquals(List.of(), undescribed);
  }

  /** Fails on a command summary that is cut, or that its parent's help does not show whole. */
  public static void assertSummariesWhole(CommandLine root) {
    for (CommandSpec command : commands(root.getCommandSpec())) {
      String usage = command.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (CommandLine sub : command.subcommands().values()) {
        // The command list shows a command's header, else its description's first line.
        CommandLine.Model.UsageMessageSpec help = sub.getCommandSpec().usageMessage();
        String summary = help.header().length > 0 ? help.header()[0] : help.description()[0];
        assertTrue(
            summary.endsWith("."),
            () -> sub.getCommandSpec().qualifiedName() + "'s summary is cut: " + summary);
        // The command list may wrap a long summary, never drop its end.
        assertTrue(
            words(usage).contains(words(summary)),
            () -> command.qualifiedName() + " --help does not show whole: " + summary);
      }
    }
  }

  private static String words(String text) {
    return String.join(" ", text.strip().split("\\s+"));
  }

  private static List<CommandSpec> commands(CommandSpec root) {
    List<CommandSpec> all = new ArrayList<>(List.of(root));
    root.subcommands().values().forEach(sub -> all.addAll(commands(sub.getCommandSpec())));
    return all;
  }
}
