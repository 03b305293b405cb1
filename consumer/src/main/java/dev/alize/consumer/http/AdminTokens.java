package dev.alize.consumer.http;

import dev.alize.common.token.BearerRefusals;
import dev.alize.common.token.ConfiguredToken;
import dev.alize.common.token.TokenConfigurationException;
import dev.alize.common.token.TokenKeys;
import dev.alize.common.token.TokenRegistry;
import dev.alize.consumer.config.ConfigurationException;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The configured admins of the API, checked when {@code serve} starts so that a mistake in the
 * configuration stops it with a message naming the key. No token is ever held: only SHA-256 hashes,
 * compared in constant time.
 */
public final class AdminTokens {

  /** Where admins are configured, and how a mistake there is told. */
  public static final TokenKeys KEYS =
      new TokenKeys(
          "alize.consumer.api.admins",
          "token-sha256",
          "admin",
          name ->
              "expected the 64 hex digits of the admin token's SHA-256, as 'consumer new-token "
                  + name
                  + "' prints",
          "give each admin a token of their own (consumer new-token NAME)");

  /** How a request refused for its token is answered: see {@link AuthorizationExceptionHandler}. */
  static final BearerRefusals REFUSALS =
      new BearerRefusals(
          "alize-consumer",
          "this admin may not do that",
          "an admin's token is required: send it as 'Authorization: Bearer TOKEN'",
          "no admin is configured, so the API refuses every request: run 'consumer new-token"
              + " NAME', add the line it prints (alize.consumer.api.admins.NAME.token-sha256)"
              + " to the configuration file, and restart serve");

  private final TokenRegistry registry;

  private AdminTokens(TokenRegistry registry) {
    this.registry = registry;
  }

  /**
   * @throws ConfigurationException naming the key at fault
   */
  public static AdminTokens from(Collection<AdminProperties> configured) {
    try {
      return new AdminTokens(
          TokenRegistry.of(
              KEYS,
              configured.stream()
                  .sorted(Comparator.comparing(AdminProperties::name))
                  .map(p -> ConfiguredToken.parse(KEYS, p.name(), p.tokenSha256()))
                  .toList()));
    } catch (TokenConfigurationException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The admin whose token is {@code presented}. */
  public Optional<ConfiguredToken> find(String presented) {
    return registry.find(presented);
  }

  /** Who presents {@code token}: the admin, recorded as the author of each change. */
  Optional<Authentication> authenticate(String token) {
    return find(token).map(admin -> Authentication.build(admin.name()));
  }

  public boolean isEmpty() {
    return registry.isEmpty();
  }

  /** The admins' names, sorted. */
  public List<String> names() {
    return registry.names();
  }
}
