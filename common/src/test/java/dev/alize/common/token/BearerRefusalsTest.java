package dev.alize.common.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The words of a refusal, and when a 401 says how to configure a first token. */
class BearerRefusalsTest {

  private static final BearerRefusals REFUSALS =
      new BearerRefusals("alize-test", "not that", "a token is required", "configure one");

  @Test
  void challenge_namesTheRealm() {
    assertEquals("Bearer realm=\"alize-test\"", REFUSALS.challenge());
  }

  @Test
  void unauthorized_saysHowToConfigureATokenOnlyWhenThereIsNone() {
    assertEquals("configure one", REFUSALS.unauthorized(true));
    assertEquals("a token is required", REFUSALS.unauthorized(false));
  }
}
