package dev.alize.consumer.cli;

import dev.alize.common.token.TokenValue;
import dev.alize.consumer.http.AdminTokens;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code new-token NAME}: an admin's token for the API of {@code serve}, printed once, and the
 * configuration line that lets the API accept it, which holds only its SHA-256.
 */
@Command(
    name = "new-token",
    mixinStandardHelpOptions = true,
    description = {
      "Make an admin's token for the admin API of serve: 256 random bits, printed once.",
      "Add the line printed after it to serve's --config file and restart serve; the line holds"
          + " only the token's SHA-256."
    })
final class NewTokenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The admin's name: what the API records as the author of their changes.")
  String name;

  @Override
  public Integer call() {
    AdminTokens.KEYS
        .nameRule()
        .check(name)
        .ifPresent(
            problem -> {
              throw new ParameterException(spec.commandLine(), "NAME: " + problem);
            });
    String token = TokenValue.generate();
    PrintWriter out = spec.commandLine().getOut();
    out.println("token: " + token);
    out.println();
    out.println("# Shown once: give it to " + name + ", who sends 'Authorization: Bearer TOKEN'.");
    out.println("# Add this line to the --config file of consumer serve, and restart it:");
    out.println(AdminTokens.KEYS.hashKeyOf(name) + ": " + TokenValue.sha256Hex(token));
    out.flush();
    return 0;
  }
}
