package dev.alize.publisher.cli;

import dev.alize.common.AlizeVersion;
import dev.alize.common.cli.CommandTree;
import dev.alize.common.cli.UsageErrorHandler;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The publisher's command line. Only {@code serve}, and {@code enroll} and {@code stats} which open
 * the fleet database, start Micronaut; the other commands start no framework, so that they answer
 * at once.
 */
@Command(
    name = "publisher",
    mixinStandardHelpOptions = true,
    versionProvider = PublisherCli.Version.class,
    description = "Validate, release and serve signed server-model datasources.")
public final class PublisherCli {

  private static final CommandTree COMMANDS =
      new CommandTree(
          List.of(
              ValidateCommand.class,
              DiffCommand.class,
              InitCommand.class,
              ReleaseCommand.class,
              LifecycleCommands.Promote.class,
              LifecycleCommands.Deprecate.class,
              LifecycleCommands.Revoke.class,
              LifecycleCommands.Rollout.class,
              LifecycleCommands.Halt.class,
              LifecycleCommands.Resume.class,
              LifecycleCommands.Reject.class,
              RotateKeyCommand.class,
              ListCommand.class,
              AuditCommand.class,
              RefreshCommand.class,
              FileModeCommand.class,
              ServeCommand.class,
              ConfigCommand.class,
              TlsCommand.class,
              NewTokenCommand.class,
              EnrollCommand.class,
              StatsCommand.class,
              CommandLine.HelpCommand.class));

  public static void main(String[] args) {
    System.exit(forArguments(args).execute(args));
  }

  /** The command line with every command, for tests. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** The command line with commands made by {@code factory}: tests hook into {@code serve}. */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    return configured(COMMANDS.withAll(new CommandLine(new PublisherCli(), factory)));
  }

  /** The command line for {@code args}: with only the command they name, when they name one. */
  static CommandLine forArguments(String... args) {
    return configured(COMMANDS.forArguments(new CommandLine(new PublisherCli()), args));
  }

  private static CommandLine configured(CommandLine cli) {
    return cli.setUsageHelpAutoWidth(true)
        .setExecutionExceptionHandler(new UserErrorHandler())
        .setParameterExceptionHandler(new UsageErrorHandler());
  }

  /** Prints the build's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Alizé publisher " + AlizeVersion.get()};
    }
  }
}
