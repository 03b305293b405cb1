package dev.alize.consumer.cli;

/** Who an admin's action on the command line is recorded as: the operating-system user. */
final class Admins {

  private Admins() {}

  static String commandLine() {
    String user = System.getProperty("user.name");
    return (user == null || user.isBlank() ? "unknown" : user) + " (command line)";
  }
}
