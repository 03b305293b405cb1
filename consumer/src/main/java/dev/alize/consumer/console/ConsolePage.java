package dev.alize.consumer.console;

import io.micronaut.security.authentication.Authentication;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every console page shows around its content: its title, the section of the menu it belongs
 * to, who is signed in, and the form token its forms carry.
 *
 * @param who the admin signed in, or null on the sign-in and error pages
 * @param formToken the session's token against cross-site forgery, or null without a session
 */
public record ConsolePage(String title, String section, String who, String formToken) {

  /** The model of a page of {@code section} for the signed-in admin, to add the page's data to. */
  static Map<String, Object> model(Authentication by, String title, String section) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put(
        "page",
        new ConsolePage(
            title,
            section,
            by.getName(),
            String.valueOf(by.getAttributes().get(ConsoleAuthenticationFetcher.FORM_TOKEN))));
    return model;
  }

  /** A page seen without a session: sign-in and errors. */
  static ConsolePage anonymous(String title) {
    return new ConsolePage(title, "", null, null);
  }
}
