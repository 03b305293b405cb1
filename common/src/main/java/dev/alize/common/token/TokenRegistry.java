package dev.alize.common.token;

import java.util.List;
import java.util.Optional;

/**
 * The tokens a server accepts, by name. A presented token is hashed and compared with every
 * configured hash in constant time, without stopping at a match, so that an answer's timing tells
 * nothing about which hash came close or which entry matched.
 */
public final class TokenRegistry {

  private final List<ConfiguredToken> tokens;

  private TokenRegistry(List<ConfiguredToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /**
   * The registry of {@code tokens}, in their order.
   *
   * @throws TokenConfigurationException when two names have one hash: a token must say who acts
   */
  public static TokenRegistry of(TokenKeys keys, List<ConfiguredToken> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      for (int j = i + 1; j < tokens.size(); j++) {
        if (tokens.get(i).matches(tokens.get(j).sha256())) {
          throw TokenConfigurationException.duplicate(
              keys, tokens.get(i).name(), tokens.get(j).name());
        }
      }
    }
    return new TokenRegistry(tokens);
  }

  /** The token whose value is {@code presented}, if one is configured. */
  public Optional<ConfiguredToken> find(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] digest = TokenValue.sha256(presented);
    ConfiguredToken found = null;
    for (ConfiguredToken token : tokens) {
      if (token.matches(digest)) {
        found = token;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The names, in configuration order. */
  public List<String> names() {
    return tokens.stream().map(ConfiguredToken::name).toList();
  }

  public boolean isEmpty() {
    return tokens.isEmpty();
  }
}
