package dev.alize.publisher.cli;

import dev.alize.publisher.repository.FileMode;
import dev.alize.publisher.repository.FileModeChange;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code file-mode}: who may read the served files of an existing repository. */
@Command(
    name = "file-mode",
    mixinStandardHelpOptions = true,
    description = {
      "Set who may read a repository's served files: owner, group or all.",
      "group is for a web server in the signing user's group. Recorded in the repository's"
          + " settings, so that every later change and re-sign keeps it, and set on the files"
          + " already there."
    })
final class FileModeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MODE",
      converter = InitCommand.FileModeConverter.class,
      description = "owner, group or all.")
  FileMode mode;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR",
      description = "The repository folder.")
  Path repo;

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      description = "Who acts, for the audit log (default: the OS user).")
  String actor;

  @Override
  public Integer call() {
    FileModeChange.Result result =
        FileModeChange.apply(
            repo,
            mode,
            actor != null ? actor : System.getProperty("user.name", "unknown"),
            Clock.systemUTC());
    spec.commandLine()
        .getOut()
        .printf(
            "served files of %s readable by %s (before: by %s); %d files set%n",
            repo, result.after().readers(), result.before().readers(), result.files());
    return 0;
  }
}
