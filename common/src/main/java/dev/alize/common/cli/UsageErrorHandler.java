package dev.alize.common.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that is not one, told as such on standard error: {@code usage error: WHAT}, then
 * the command's synopsis (and its commands, if it has any) rather than its whole help, and where to
 * read the rest. Exits {@link UserErrors#USAGE_EXIT_CODE}. Both applications' command lines use it.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    // An argument group's messages start with their own "Error: ".
    String message = e.getMessage().replaceFirst("^Error: ", "");
    err.println(UserErrors.USAGE_PREFIX + message);
    UnmatchedArgumentException.printSuggestions(e, err);
    Help help = cli.getHelp();
    err.print(help.synopsisHeading());
    err.print(help.synopsis(help.synopsisHeadingLength()));
    if (!cli.getSubcommands().isEmpty()) {
      err.print(help.commandListHeading());
      err.print(help.commandList());
    }
    err.printf("Try '%s --help' for more.%n", cli.getCommandSpec().qualifiedName());
    err.flush();
    return UserErrors.USAGE_EXIT_CODE;
  }
}
