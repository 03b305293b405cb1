package dev.alize.consumer.cli;

import dev.alize.common.AlizeVersion;
import dev.alize.common.cli.UsageErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The consumer's command line. */
@Command(
    name = "consumer",
    mixinStandardHelpOptions = true,
    versionProvider = ConsumerCli.Version.class,
    description = "Poll signed datasource repositories, verify and import server models.",
    subcommands = {
      SyncCommand.class,
      ServeCommand.class,
      StatusCommand.class,
      SiteCommand.class,
      EnrollCommand.class,
      ApproveCommand.class,
      PreviewCommand.class,
      RollbackCommand.class,
      ChildCommand.class,
      ConflictsCommand.class,
      ModelsCommand.class,
      ImportsCommand.class,
      MigrateCommand.class,
      ConformanceCommand.class,
      ConfigCommand.class,
      NewTokenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ConsumerCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests as for {@link #main}. */
  public static CommandLine commandLine() {
    return new CommandLine(new ConsumerCli())
        .setUsageHelpAutoWidth(true)
        .setExecutionExceptionHandler(new UserErrorHandler())
        .setParameterExceptionHandler(new UsageErrorHandler());
  }

  /** Prints the build's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Alizé consumer " + AlizeVersion.get()};
    }
  }
}
