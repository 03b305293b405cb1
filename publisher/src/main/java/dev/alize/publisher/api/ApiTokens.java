package dev.alize.publisher.api;

import dev.alize.common.datasource.Names;
import dev.alize.common.token.BearerRefusals;
import dev.alize.common.token.ConfiguredToken;
import dev.alize.common.token.TokenConfigurationException;
import dev.alize.common.token.TokenKeys;
import dev.alize.common.token.TokenRegistry;
import dev.alize.publisher.config.ApiTokenConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured tokens of the write API, checked when the server starts so that a mistake in the
 * configuration stops it with a clear message rather than refusing every upload later. No token
 * value is ever held: only SHA-256 hashes, compared in constant time.
 */
@Context
public final class ApiTokens {

  /** Where tokens are configured, and how a mistake there is told. */
  public static final TokenKeys KEYS =
      new TokenKeys(
          "alize.publisher.api.tokens",
          "sha256",
          "token",
          name ->
              "expected the 64 hex digits of the token's SHA-256 (publisher new-token prints it)",
          "give each client its own token");

  /** How a request refused for its token is answered: see {@link AuthorizationExceptionHandler}. */
  static final BearerRefusals REFUSALS =
      new BearerRefusals(
          "alize-publisher",
          "this token may not do that",
          "a valid token is required: send it as 'Authorization: Bearer TOKEN'",
          "no token is configured, so the write API refuses every call: run 'publisher new-token"
              + " --name NAME --datasource DATASOURCE', add the YAML it prints to the --config"
              + " file of serve, and restart serve");

  /** The attribute of an {@link Authentication} that lists the token's datasources. */
  public static final String DATASOURCES = "datasources";

  private final TokenRegistry registry;
  private final Map<String, ApiToken> tokens;

  public ApiTokens(List<ApiTokenConfiguration> configured) {
    List<ConfiguredToken> hashes = new ArrayList<>();
    Map<String, ApiToken> byName = new HashMap<>();
    try {
      for (ApiTokenConfiguration c : configured) {
        hashes.add(ConfiguredToken.parse(KEYS, c.name(), c.sha256()));
        byName.put(c.name(), new ApiToken(c.name(), datasources(c)));
      }
      this.registry = TokenRegistry.of(KEYS, hashes);
    } catch (TokenConfigurationException e) {
      throw new ConfigurationException(e.getMessage());
    }
    this.tokens = Map.copyOf(byName);
  }

  private static List<String> datasources(ApiTokenConfiguration c) {
    String key = KEYS.key(c.name()) + ".datasources";
    if (c.datasources() == null || c.datasources().isEmpty()) {
      throw new ConfigurationException(key + ": list the datasources this token may publish");
    }
    LinkedHashSet<String> datasources = new LinkedHashSet<>();
    for (String d : c.datasources()) {
      Names.DATASOURCE
          .check(d)
          .ifPresent(
              problem -> {
                throw new ConfigurationException(key + ": " + problem);
              });
      datasources.add(d);
    }
    return List.copyOf(datasources);
  }

  /** The token whose value is {@code presented}. */
  public Optional<ApiToken> find(String presented) {
    return registry.find(presented).map(t -> tokens.get(t.name()));
  }

  /** Who presents {@code token}: its name, with its datasources in {@link #DATASOURCES}. */
  Optional<Authentication> authenticate(String token) {
    return find(token)
        .map(t -> Authentication.build(t.name(), List.of(), Map.of(DATASOURCES, t.datasources())));
  }

  /** The names of the tokens, in configuration order. */
  public List<String> names() {
    return registry.names();
  }

  public boolean isEmpty() {
    return registry.isEmpty();
  }
}
