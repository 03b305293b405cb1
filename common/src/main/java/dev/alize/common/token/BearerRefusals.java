package dev.alize.common.token;

/**
 * What a server answers a request that its token rules refused, in words a client can act on: 401
 * with a bearer challenge when the request carried no valid token, 403 when its token may not do
 * that. Never a redirect: an API has no login page.
 *
 * @param realm the realm of the challenge, as {@code alize-consumer}
 * @param forbidden the message of a 403
 * @param unauthorized the message of a 401
 * @param noneConfigured the message of a 401 when no token is configured at all: how to add one
 */
public record BearerRefusals(
    String realm, String forbidden, String unauthorized, String noneConfigured) {

  /** The {@code WWW-Authenticate} value of a 401. */
  public String challenge() {
    return "Bearer realm=\"" + realm + "\"";
  }

  /** The message of a 401: how to configure a first token when {@code noTokenConfigured}. */
  public String unauthorized(boolean noTokenConfigured) {
    return noTokenConfigured ? noneConfigured : unauthorized;
  }
}
