package dev.alize.publisher.fleetpage;

import dev.alize.publisher.api.ApiTokens;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who reads the fleet page: the name of the token they signed in with, the datasources it may read,
 * and their session's form token.
 *
 * @param formToken null when the request came with a bearer token rather than a session
 */
record Maintainer(String name, List<String> datasources, String formToken) {

  /** The attribute of an {@link Authentication} that holds the session's form token. */
  static final String FORM_TOKEN = "formToken";

  Maintainer {
    datasources = List.copyOf(datasources);
  }

  /** The {@link Authentication} of a session, with the datasources where the API keeps them. */
  Authentication authentication() {
    return Authentication.build(
        name, Map.of(ApiTokens.DATASOURCES, datasources, FORM_TOKEN, formToken));
  }

  static Maintainer of(Authentication authentication) {
    Map<String, Object> attributes = authentication.getAttributes();
    List<String> datasources =
        attributes.get(ApiTokens.DATASOURCES) instanceof Collection<?> names
            ? names.stream().map(String::valueOf).sorted().toList()
            : List.of();
    Object form = attributes.get(FORM_TOKEN);
    return new Maintainer(
        authentication.getName(), datasources, form instanceof String f ? f : null);
  }

  boolean reads(String datasource) {
    return datasources.contains(datasource);
  }
}
