package dev.alize.consumer.http;

import dev.alize.consumer.config.ConfigurationException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured admins of the API, checked when {@code serve} starts so that a mistake in the
 * configuration stops it with a message naming the key. No token is ever held: only SHA-256 hashes,
 * compared in constant time.
 */
public final class AdminTokens {

  static final String PREFIX = "alize.consumer.api.admins.";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private final List<AdminToken> admins;

  private AdminTokens(List<AdminToken> admins) {
    this.admins = List.copyOf(admins);
  }

  /**
   * @throws ConfigurationException naming the key at fault
   */
  public static AdminTokens from(Collection<AdminProperties> configured) {
    List<AdminToken> checked = new ArrayList<>();
    configured.stream()
        .sorted(Comparator.comparing(AdminProperties::name))
        .forEach(p -> checked.add(check(p)));
    for (int i = 0; i < checked.size(); i++) {
      for (int j = i + 1; j < checked.size(); j++) {
        if (MessageDigest.isEqual(checked.get(i).sha256(), checked.get(j).sha256())) {
          throw new ConfigurationException(
              PREFIX
                  + checked.get(i).name()
                  + " and "
                  + PREFIX
                  + checked.get(j).name()
                  + " have the same token-sha256: give each admin a token of their own"
                  + " (consumer new-token NAME)");
        }
      }
    }
    return new AdminTokens(checked);
  }

  private static AdminToken check(AdminProperties p) {
    AdminToken.NAME
        .check(p.name())
        .ifPresent(
            problem -> {
              throw new ConfigurationException(
                  PREFIX + "*: " + problem + " (the key under admins)");
            });
    // The value is never echoed: an operator may have pasted the token itself by mistake.
    if (p.tokenSha256() == null || !SHA256.matcher(p.tokenSha256().strip()).matches()) {
      throw new ConfigurationException(
          PREFIX
              + p.name()
              + ".token-sha256: expected the 64 hex digits of the admin token's SHA-256, as"
              + " 'consumer new-token "
              + p.name()
              + "' prints");
    }
    return new AdminToken(
        p.name(), HexFormat.of().parseHex(p.tokenSha256().strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * The admin whose token is {@code presented}. Every configured hash is compared, in constant
   * time, so that the answer's timing tells nothing about which came close.
   */
  public Optional<AdminToken> find(String presented) {
    byte[] hash = AdminToken.digest(presented);
    AdminToken found = null;
    for (AdminToken admin : admins) {
      if (MessageDigest.isEqual(admin.sha256(), hash)) {
        found = admin;
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isEmpty() {
    return admins.isEmpty();
  }

  /** The admins' names, sorted. */
  public List<String> names() {
    return admins.stream().map(AdminToken::name).toList();
  }
}
