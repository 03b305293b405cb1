package dev.alize.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

  /**
   * Fails unless each command of {@code whole}, built alone by {@code lazy} for its own arguments
   * (as the application's main does), answers {@code --help} and a usage error as in the whole
   * tree: the same text, the same exit code.
   */
  public static void assertLazyTreeAlike(CommandLine whole, Function<String[], CommandLine> lazy) {
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"--help"});
    for (String name : whole.getSubcommands().keySet()) {
      cases.add(new String[] {name, "--help"});
      cases.add(new String[] {name, "--no-such-option"});
    }
    for (String[] args : cases) {
      assertEquals(run(whole, args), run(lazy.apply(args), args), String.join(" ", args));
    }
  }

  private static String run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
    return "exit " + cli.execute(args) + "\n" + out;
  }

  /**
   * Fails when picocli cannot format a command's help (a lone {@code %} in a description is read as
   * a format specifier): it would print a warning of its own on standard error.
   */
  public static void assertHelpFormats(CommandLine root) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (CommandSpec command : commands(root.getCommandSpec())) {
        command.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
      }
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
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
