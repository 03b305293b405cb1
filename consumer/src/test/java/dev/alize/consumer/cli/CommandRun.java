package dev.alize.consumer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** One consumer command run in this process, as a user types it: its exit code and its output. */
public record CommandRun(int exit, String out, String err) {

  /** Runs the consumer's command line with {@code args}, each given by its {@code toString}. */
  public static CommandRun of(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = ConsumerCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    return new CommandRun(cli.execute(strings), out.toString(), err.toString());
  }

  /**
   * Writes {@code consumer.yml} in {@code site}, following the repository {@code upstream} that
   * nobody serves, with a placeholder trusted root: enough for the commands that read the database.
   * The data folder is {@code site/alize-data}.
   */
  public static Path minimalSite(Path site) throws IOException {
    Files.writeString(site.resolve("root.json"), "{}");
    return Files.writeString(
        site.resolve("consumer.yml"),
        "alize:\n  consumer:\n    repositories:\n      upstream:\n"
            + "        url: https://models.example\n        trusted-root: root.json\n");
  }
}
