package dev.alize.consumer.sync;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Something an operator should act on before the site stops taking updates, as {@code status} and
 * the log tell it. The message stays the same while its cause does, so that it is told once.
 */
public record SyncWarning(Kind kind, String message) {

  /** The kinds of warning, by their names in {@code status --json} and the metrics. */
  public enum Kind {
    /** Trusted metadata expires before the next poll, or has expired. */
    EXPIRING("expiring"),
    /** No mirror has answered for longer than the repository's {@code unreachable-warning}. */
    UNREACHABLE("unreachable");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }
  }
}
