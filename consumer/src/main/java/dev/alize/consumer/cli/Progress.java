package dev.alize.consumer.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A step of a command that may take more than a second or two, told on standard error as it starts,
 * so that a person sees the command is alive; standard output keeps the answer alone. Each line
 * ends with "...", as the publisher's do.
 */
final class Progress {

  private Progress() {}

  static void step(CommandSpec spec, String what) {
    spec.commandLine().getErr().println(what + "...");
    spec.commandLine().getErr().flush();
  }
}
