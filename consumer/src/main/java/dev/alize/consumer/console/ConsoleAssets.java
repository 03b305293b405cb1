package dev.alize.consumer.console;

/** Where the console's style sheet and script are served from: the jar, never another site. */
final class ConsoleAssets {

  /** The path the assets are served under. */
  static final String PATH = ConsoleSessions.PATH + "/assets/";

  private ConsoleAssets() {}
}
