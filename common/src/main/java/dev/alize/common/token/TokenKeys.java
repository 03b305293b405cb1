package dev.alize.common.token;

import dev.alize.common.datasource.Names;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where a server's tokens are configured, {@code PREFIX.NAME.HASH-KEY}, and how a mistake there is
 * explained to the operator.
 *
 * @param prefix the key the tokens are under, as {@code alize.consumer.api.admins}
 * @param hashKey the key of a token's SHA-256 under its name, as {@code token-sha256}
 * @param holder what a token's name names, in messages: {@code token}, {@code admin}
 * @param expectedHash for a token's name, what its hash should be and how to make one
 * @param duplicateAdvice what to do when two names share one hash
 */
public record TokenKeys(
    String prefix,
    String hashKey,
    String holder,
    UnaryOperator<String> expectedHash,
    String duplicateAdvice) {

  /** Names become configuration keys, which Micronaut lower-cases: so lowercase only. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** The rule a token's name follows. */
  public Names.Rule nameRule() {
    return new Names.Rule(
        holder,
        NAME,
        "use lowercase letters, digits and '-', starting with a letter or digit, at most 63"
            + " characters");
  }

  /** The key of the named token's entry. */
  public String key(String name) {
    return prefix + "." + name;
  }

  /** The key of the named token's hash. */
  public String hashKeyOf(String name) {
    return key(name) + "." + hashKey;
  }

  /** The key that stands for any name, with where it is: {@code PREFIX.*}. */
  String anyName() {
    return prefix + ".*";
  }

  /** The last part of the prefix, what the names are under: {@code admins}. */
  String section() {
    return prefix.substring(prefix.lastIndexOf('.') + 1);
  }
}
