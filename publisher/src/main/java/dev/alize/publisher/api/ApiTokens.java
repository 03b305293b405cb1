package dev.alize.publisher.api;

import dev.alize.common.datasource.Names;
import dev.alize.publisher.config.ApiTokenConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured tokens of the write API, checked when the server starts so that a mistake in the
 * configuration stops it with a clear message rather than refusing every upload later. No token
 * value is ever held: only SHA-256 hashes, compared in constant time.
 */
@Context
public final class ApiTokens {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String PREFIX = "alize.publisher.api.tokens.";

  private final List<ApiToken> tokens;

  public ApiTokens(List<ApiTokenConfiguration> configured) {
    List<ApiToken> checked = new ArrayList<>();
    for (ApiTokenConfiguration c : configured) {
      checked.add(check(c));
    }
    for (int i = 0; i < checked.size(); i++) {
      for (int j = i + 1; j < checked.size(); j++) {
        if (MessageDigest.isEqual(checked.get(i).sha256(), checked.get(j).sha256())) {
          throw new ConfigurationException(
              PREFIX
                  + checked.get(i).name()
                  + " and "
                  + PREFIX
                  + checked.get(j).name()
                  + " have the same sha256: give each client its own token");
        }
      }
    }
    this.tokens = List.copyOf(checked);
  }

  private static ApiToken check(ApiTokenConfiguration c) {
    String key = PREFIX + c.name();
    ApiToken.NAME
        .check(c.name())
        .ifPresent(problem -> fail(PREFIX + "*", problem + " (the key under tokens)"));
    // The value is never echoed: an operator may have pasted the token itself by mistake.
    if (c.sha256() == null || !SHA256.matcher(c.sha256()).matches()) {
      fail(
          key + ".sha256",
          "expected the 64 hex digits of the token's SHA-256 (publisher new-token prints it)");
    }
    if (c.datasources() == null || c.datasources().isEmpty()) {
      fail(key + ".datasources", "list the datasources this token may publish");
    }
    LinkedHashSet<String> datasources = new LinkedHashSet<>();
    for (String d : c.datasources()) {
      Names.DATASOURCE.check(d).ifPresent(problem -> fail(key + ".datasources", problem));
      datasources.add(d);
    }
    return new ApiToken(
        c.name(),
        HexFormat.of().parseHex(c.sha256().toLowerCase(Locale.ROOT)),
        List.copyOf(datasources));
  }

  private static void fail(String key, String problem) {
    throw new ConfigurationException(key + ": " + problem);
  }

  /**
   * The token whose SHA-256 is that of {@code presented}. Every configured hash is compared, in
   * constant time, so that the answer's timing tells nothing about which came close.
   */
  public Optional<ApiToken> find(String presented) {
    byte[] hash = ApiToken.digest(presented);
    ApiToken found = null;
    for (ApiToken token : tokens) {
      if (MessageDigest.isEqual(token.sha256(), hash)) {
        found = token;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The names of the tokens, in configuration order. */
  public List<String> names() {
    return tokens.stream().map(ApiToken::name).toList();
  }
}
