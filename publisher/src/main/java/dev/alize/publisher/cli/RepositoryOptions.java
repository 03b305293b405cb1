package dev.alize.publisher.cli;

import dev.alize.publisher.keys.KeyDirectory;
import dev.alize.publisher.repository.RepositoryEditor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The repository and key folders every publishing command works on, and who acts. */
final class RepositoryOptions {

  static final String PASSPHRASE_VARIABLE = KeyDirectory.PASSPHRASE_VARIABLE;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR",
      description = "The repository folder (metadata/ and targets/ are served).")
  Path repo;

  @Option(
      names = "--keys",
      required = true,
      paramLabel = "KEYDIR",
      description =
          "The key folder; keys are encrypted with $" + PASSPHRASE_VARIABLE + " when set.")
  Path keys;

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      description = "Who acts, for the audit log (default: the OS user).")
  String actor;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  KeyDirectory keyDirectory() {
    return KeyDirectory.fromEnvironment(keys, this::progress);
  }

  /**
   * Tells on standard error what the command is doing, as it starts each step, so that a person
   * sees it is alive: encrypted keys take a second or more each. Standard output keeps the answer.
   */
  void progress(String step) {
    PrintWriter err = command.commandLine().getErr();
    err.println(step + "...");
    err.flush();
  }

  RepositoryEditor editor() {
    return new RepositoryEditor(repo, keyDirectory(), Clock.systemUTC());
  }

  String actor() {
    return actor != null ? actor : System.getProperty("user.name", "unknown");
  }
}
