package dev.alize.consumer.console;

/** Where the console's style sheet and script are served from: the jar, never another site. */
final class ConsoleAssets {

  /** The path the assets are served under. */
  static final String PATH = ConsoleSessions.PATH + "/assets/";

  /** Where they are in the jar. */
  static final String CLASSPATH = "classpath:console/assets";

  private ConsoleAssets() {}
}
