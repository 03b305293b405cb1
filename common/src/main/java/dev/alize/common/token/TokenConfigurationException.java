package dev.alize.common.token;

/**
 * A configured token that cannot work: its name, its hash, or a hash that another name has too. The
 * message names the configuration key at fault and never echoes a configured hash, which may be a
 * token pasted there by mistake.
 */
public final class TokenConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  private TokenConfigurationException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** A problem with one key: {@code KEY: PROBLEM}. */
  static TokenConfigurationException at(String key, String problem) {
    return new TokenConfigurationException(key, key + ": " + problem);
  }

  /** Two names with one hash. */
  static TokenConfigurationException duplicate(TokenKeys keys, String first, String second) {
    return new TokenConfigurationException(
        keys.key(first),
        keys.key(first)
            + " and "
            + keys.key(second)
            + " have the same "
            + keys.hashKey()
            + ": "
            + keys.duplicateAdvice());
  }

  /** The configuration key at fault, as {@code alize.consumer.api.admins.alice.token-sha256}. */
  public String key() {
    return key;
  }
}
