package dev.alize.publisher.fleetpage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every page of the fleet page shows around its content: its title, the section of the menu it
 * belongs to, who is signed in, and the form token its sign-out form carries.
 *
 * @param who the maintainer's token name, or null on the sign-in and error pages
 * @param formToken the session's token against cross-site forgery, or null without a session
 */
public record FleetPage(String title, String section, String who, String formToken) {

  /** The model of a page of {@code section} for {@code reader}, to add the page's data to. */
  static Map<String, Object> model(Maintainer reader, String title, String section) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("page", new FleetPage(title, section, reader.name(), reader.formToken()));
    return model;
  }

  /** A page seen without a session: sign-in and errors. */
  static FleetPage anonymous(String title) {
    return new FleetPage(title, "", null, null);
  }
}
