package dev.alize.consumer.cli;

import picocli.CommandLine.Option;

/** {@code --json}: an answer for scripts rather than lines for people. */
final class JsonOption {

  @Option(
      names = "--json",
      description = "Answer in JSON, one document on standard output, rather than in lines.")
  boolean json;

  boolean requested() {
    return json;
  }
}
