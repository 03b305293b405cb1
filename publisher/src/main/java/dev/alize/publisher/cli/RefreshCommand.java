package dev.alize.publisher.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code refresh}: re-sign what is about to expire, for repositories served by another server. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = {
      "Re-sign the metadata that is about to expire.",
      "Re-signs what has less than half of its validity left (timestamp, snapshot, and targets",
      "when its key is here). 'serve' does this by itself; run this from cron when another",
      "HTTP server serves the repository."
    })
final class RefreshCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin RepositoryOptions options;

  @Override
  public Integer call() {
    List<String> roles = options.editor().refresh();
    spec.commandLine()
        .getOut()
        .println(roles.isEmpty() ? "nothing to re-sign" : "re-signed " + String.join(", ", roles));
    return 0;
  }
}
