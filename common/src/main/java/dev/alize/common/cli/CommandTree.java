package dev.alize.common.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * An application's commands, given to picocli as classes rather than in the root's annotation:
 * picocli reads every field and annotation of every command it is given, a sixth of a short
 * command's start-up, so that a process building the command line for its own arguments gives it
 * only the command they name.
 *
 * @param commands the commands under the root, each a class annotated with {@link Command}, in the
 *     order the help lists them
 */
public record CommandTree(List<Class<?>> commands) {

  public CommandTree {
    commands = List.copyOf(commands);
    for (Class<?> command : commands) {
      if (!command.isAnnotationPresent(Command.class)) {
        throw new IllegalArgumentException(command.getName() + " is not annotated with @Command");
      }
    }
  }

  /** The root {@code cli} with every command under it, as tests and the whole help see it. */
  public CommandLine withAll(CommandLine cli) {
    commands.forEach(cli::addSubcommand);
    return cli;
  }

  /**
   * The root {@code cli} with the command that {@code args} start with, when they start with the
   * name or an alias of one; otherwise (no argument, an option, {@code help}, a name no command
   * has) with every command, so that help, usage errors and their suggestions are those of the
   * whole tree. Call it before setting handlers on {@code cli}: picocli hands them only to the
   * commands already added.
   */
  public CommandLine forArguments(CommandLine cli, String... args) {
    String first = args.length == 0 ? null : args[0];
    for (Class<?> command : commands) {
      if (command != CommandLine.HelpCommand.class && names(command).contains(first)) {
        cli.addSubcommand(command);
        return cli;
      }
    }
    return withAll(cli);
  }

  private static List<String> names(Class<?> command) {
    Command annotation = Objects.requireNonNull(command.getAnnotation(Command.class));
    String[] aliases = annotation.aliases();
    String[] all = Arrays.copyOf(aliases, aliases.length + 1);
    all[aliases.length] = annotation.name();
    return Arrays.asList(all);
  }
}
