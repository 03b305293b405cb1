package dev.alize.publisher.api;

import java.util.List;

/**
 * A token of the write API as the server knows it: its name and the datasources it may touch. Its
 * value is known by hash only, in {@link ApiTokens}.
 */
public record ApiToken(String name, List<String> datasources) {

  public ApiToken {
    datasources = List.copyOf(datasources);
  }

  /** Who acts, for the audit log. */
  public String actor() {
    return actor(name);
  }

  static String actor(String name) {
    return "token " + name;
  }
}
