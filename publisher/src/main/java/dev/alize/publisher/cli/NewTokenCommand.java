package dev.alize.publisher.cli;

import dev.alize.common.datasource.Names;
import dev.alize.common.token.TokenValue;
import dev.alize.publisher.api.ApiTokens;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code new-token}: a token for the write API, printed once, and the configuration that lets the
 * server accept it, which holds only its SHA-256.
 */
@Command(
    name = "new-token",
    mixinStandardHelpOptions = true,
    description = {
      "Make a token for the write API of serve: 256 random bits, printed once.",
      "Paste the YAML printed after it into serve's --config file; it holds only the token's"
          + " SHA-256."
    })
final class NewTokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "What logs and the audit log call the token's user: token NAME.")
  String name;

  @Option(
      names = "--datasource",
      required = true,
      paramLabel = "NAME",
      description = "A datasource the token may publish and change; repeat for more.")
  List<String> datasources;

  @Override
  public Integer call() {
    ApiTokens.KEYS
        .nameRule()
        .check(name)
        .ifPresent(
            problem -> {
              throw new ParameterException(spec.commandLine(), "--name: " + problem);
            });
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String d : datasources) {
      Names.DATASOURCE
          .check(d)
          .ifPresent(
              problem -> {
                throw new ParameterException(spec.commandLine(), "--datasource: " + problem);
              });
      unique.add(d);
    }
    String token = TokenValue.generate();
    PrintWriter out = spec.commandLine().getOut();
    out.println("token: " + token);
    out.println();
    out.println("# Shown once: hand it to the client, which sends 'Authorization: Bearer TOKEN'.");
    out.println("# Add this to the --config file of publisher serve, and restart it:");
    out.println("alize:");
    out.println("  publisher:");
    out.println("    api:");
    out.println("      tokens:");
    out.println("        " + name + ":");
    out.println("          sha256: " + TokenValue.sha256Hex(token));
    out.println("          datasources: [" + String.join(", ", unique) + "]");
    out.flush();
    return 0;
  }
}
