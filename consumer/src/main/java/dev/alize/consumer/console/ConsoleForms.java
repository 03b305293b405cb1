package dev.alize.consumer.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The check every console action makes first: the form carries its session's token, which a page of
 * another site cannot read, so that no other site can make a signed-in admin's browser change
 * anything. Every action takes the token as {@code @Body(ConsoleForms.FIELD) String csrf}; a test
 * posts to every action of the console without it.
 */
public final class ConsoleForms {

  /** The name of the form field that carries the session's form token. */
  public static final String FIELD = "csrf";

  private ConsoleForms() {}

  /**
   * As {@link #check(Authentication, String)}, for an action that reads its whole form: the token
   * given once, never twice.
   */
  public static void check(Authentication by, Map<String, Object> form) {
    Object token = form.get(FIELD);
    check(by, token instanceof String text ? text : null);
  }

  /**
   * @throws ConsoleFormException when {@code presented} is not the token of {@code by}'s session
   */
  public static void check(Authentication by, @Nullable String presented) {
    Object expected = by.getAttributes().get(ConsoleAuthenticationFetcher.FORM_TOKEN);
    if (presented == null
        || !(expected instanceof String token)
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
      throw new ConsoleFormException(
          "this form has no valid anti-forgery token: reload the page and send the form again");
    }
  }
}
