package dev.alize.consumer.cli;

import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --actor NAME}: who an admin's action on the command line is recorded as, by default the
 * user the environment names ({@code USER}, else the JVM's {@code user.name}) and where it came
 * from: {@code alice (command line)}. A shared account such as root says nothing of who acted.
 */
final class ActorOption {

  /** The longest name recorded, as the admin API's names. */
  static final int MAX_LENGTH = 200;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      description =
          "Who the change is recorded as (default: \"$USER (command line)\", from the environment's"
              + " USER or else the JVM's user.name).")
  String actor;

  /**
   * @throws ParameterException when the name given is blank, too long or holds a control character
   */
  String name() {
    if (actor == null) {
      return byDefault(System::getenv, System.getProperty("user.name"));
    }
    if (actor.isBlank()
        || actor.length() > MAX_LENGTH
        || actor.chars().anyMatch(Character::isISOControl)) {
      throw new ParameterException(
          command.commandLine(),
          "--actor: write a name of 1 to "
              + MAX_LENGTH
              + " characters, without control characters");
    }
    return actor.strip();
  }

  static String byDefault(UnaryOperator<String> environment, String javaUser) {
    String user = environment.apply("USER");
    if (user == null || user.isBlank()) {
      user = javaUser;
    }
    return (user == null || user.isBlank() ? "unknown" : user.strip()) + " (command line)";
  }
}
