package dev.alize.consumer.cli;

import dev.alize.common.AlizeVersion;
import dev.alize.common.cli.CommandTree;
import dev.alize.common.cli.UsageErrorHandler;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The consumer's command line. */
@Command(
    name = "consumer",
    mixinStandardHelpOptions = true,
    versionProvider = ConsumerCli.Version.class,
    description = "Poll signed datasource repositories, verify and import server models.")
public final class ConsumerCli {

  private static final CommandTree COMMANDS =
      new CommandTree(
          List.of(
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
              CommandLine.HelpCommand.class));

  public static void main(String[] args) {
    System.exit(forArguments(args).execute(args));
  }

  /** The command line with every command, for tests. */
  public static CommandLine commandLine() {
    return configured(COMMANDS.withAll(new CommandLine(new ConsumerCli())));
  }

  /** The command line for {@code args}: with only the command they name, when they name one. */
  static CommandLine forArguments(String... args) {
    return configured(COMMANDS.forArguments(new CommandLine(new ConsumerCli()), args));
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
      return new String[] {"Alizé consumer " + AlizeVersion.get()};
    }
  }
}
