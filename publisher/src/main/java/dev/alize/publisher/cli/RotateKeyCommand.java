package dev.alize.publisher.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rotate-key ROLE}: new keys for a role, listed in a new root version. */
@Command(
    name = "rotate-key",
    mixinStandardHelpOptions = true,
    description = {
      "Replace the keys of a role by new ones (needs the root key).",
      "A new root version lists the new keys, signed by the current root keys (and the new",
      "ones, for root itself)."
    })
final class RotateKeyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin RepositoryOptions options;

  @Parameters(paramLabel = "ROLE", description = "root, targets, snapshot or timestamp.")
  String role;

  @Override
  public Integer call() {
    options.progress("rotating the " + role + " keys");
    List<String> ids = options.editor().rotateKey(role, options.actor());
    spec.commandLine().getOut().printf("rotated %s: new key(s) %s%n", role, String.join(", ", ids));
    return 0;
  }
}
