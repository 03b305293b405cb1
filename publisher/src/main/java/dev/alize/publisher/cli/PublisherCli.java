package dev.alize.publisher.cli;

import dev.alize.common.AlizeVersion;
import dev.alize.common.cli.UsageErrorHandler;
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
    description = "Validate, release and serve signed server-model datasources.",
    subcommands = {
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
      CommandLine.HelpCommand.class
    })
public final class PublisherCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests as for {@link #main}. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** The command line with commands made by {@code factory}: tests hook into {@code serve}. */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    return new CommandLine(new PublisherCli(), factory)
        .setUsageHelpAutoWidth(true)
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
