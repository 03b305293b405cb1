package dev.alize.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandTreeTest {

  @Command(name = "app", mixinStandardHelpOptions = true)
  static final class App {}

  @Command(name = "greet", aliases = "hello", description = "Greets.")
  static final class Greet implements Callable<Integer> {
    @Option(names = "--name", required = true)
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("hello " + name);
      return 0;
    }
  }

  @Command(name = "count", description = "Counts.")
  static final class Count implements Callable<Integer> {
    @Override
    public Integer call() {
      return 3;
    }
  }

  static final class NotACommand {}

  private static final CommandTree TREE =
      new CommandTree(List.of(Greet.class, Count.class, CommandLine.HelpCommand.class));

  private static CommandLine lazy(String... args) {
    return TREE.forArguments(new CommandLine(new App()), args);
  }

  @Test
  void forArguments_namingACommand_buildsThatCommandAlone() {
    assertEquals(
        List.of("greet", "hello"),
        List.copyOf(lazy("greet", "--name", "x").getSubcommands().keySet()));
    assertEquals(List.of("count"), List.copyOf(lazy("count").getSubcommands().keySet()));
  }

  @Test
  void forArguments_namingAnAlias_buildsThatCommand() {
    assertEquals(List.of("greet", "hello"), List.copyOf(lazy("hello").getSubcommands().keySet()));
  }

  @Test
  void forArguments_withoutACommandsName_buildsTheWholeTree() {
    List<String> all = List.of("greet", "hello", "count", "help");
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"help", "greet"},
            new String[] {"grete"},
            new String[] {"--name", "greet"})) {
      assertEquals(all, List.copyOf(lazy(args).getSubcommands().keySet()), String.join(" ", args));
    }
  }

  @Test
  void aCommandRunsAndFailsAlikeInTheLazyAndTheWholeTree() {
    for (String[] args :
        List.of(
            new String[] {"greet", "--name", "Ana"},
            new String[] {"greet"},
            new String[] {"greet", "--help"},
            new String[] {"count"},
            new String[] {"grete"},
            new String[] {"help", "count"})) {
      assertEquals(run(TREE.withAll(new CommandLine(new App())), args), run(lazy(args), args));
    }
  }

  @Test
  void aClassWithoutTheAnnotation_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new CommandTree(List.of(NotACommand.class)));
    assertTrue(e.getMessage().contains(NotACommand.class.getName()), e.getMessage());
  }

  private static String run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
    int code = cli.execute(args);
    return code + "\n" + out;
  }
}
