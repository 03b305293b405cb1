package dev.alize.publisher.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;

/** Whether an authenticated token may touch a datasource. */
final class DatasourceAccess {

  private DatasourceAccess() {}

  /**
   * @return the actor to record in the audit log
   * @throws ApiException 403 when the token is not configured for {@code datasource}
   */
  static String require(Authentication authentication, String datasource) {
    if (!allows(authentication, datasource)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          ApiToken.actor(authentication.getName()) + " may not change datasource " + datasource);
    }
    return ApiToken.actor(authentication.getName());
  }

  /**
   * @throws ApiException 403 when the token is not configured for {@code datasource}
   */
  static void requireRead(Authentication authentication, String datasource) {
    if (!allows(authentication, datasource)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          ApiToken.actor(authentication.getName())
              + " may not read the statistics of datasource "
              + datasource);
    }
  }

  /** Whether the token is configured for {@code datasource}. */
  static boolean allows(Authentication authentication, String datasource) {
    Object allowed = authentication.getAttributes().get(ApiTokens.DATASOURCES);
    return allowed instanceof Collection<?> names && names.contains(datasource);
  }
}
