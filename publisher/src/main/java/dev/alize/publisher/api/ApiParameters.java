package dev.alize.publisher.api;

import dev.alize.common.datasource.Names;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.version.SemanticVersion;
import io.micronaut.http.HttpStatus;

/** The write API's path and query parameters, checked; each refusal is a 400 that says why. */
final class ApiParameters {

  private ApiParameters() {}

  static String datasource(String name) {
    Names.DATASOURCE
        .check(name)
        .ifPresent(
            problem -> {
              throw badRequest(problem);
            });
    return name;
  }

  static SemanticVersion version(String text) {
    if (text == null || text.isEmpty()) {
      throw badRequest("the version is required: version=MAJOR.MINOR.PATCH, as 1.4.0");
    }
    return SemanticVersion.find(text)
        .orElseThrow(
            () -> badRequest("'" + text + "' is not a version: write MAJOR.MINOR.PATCH, as 1.4.0"));
  }

  /** The channel; {@code fallback} when none is given, or null when one is required. */
  static Channel channel(String text, Channel fallback) {
    if (text == null || text.isEmpty()) {
      if (fallback == null) {
        throw badRequest("the channel is required: channel=testing, staged or stable");
      }
      return fallback;
    }
    return Channel.find(text)
        .orElseThrow(
            () -> badRequest("unknown channel '" + text + "': use testing, staged or stable"));
  }

  static Classification classification(String text) {
    if (text == null || text.isEmpty()) {
      return Classification.STANDARD;
    }
    return Classification.find(text)
        .orElseThrow(
            () ->
                badRequest(
                    "unknown classification '" + text + "': use standard, emergency or major"));
  }

  static String reason(String text) {
    if (text == null || text.isBlank()) {
      throw badRequest("a reason is required (reason=...): it is recorded in the audit log");
    }
    return text;
  }

  static String plan(String text) {
    if (text == null || text.isBlank()) {
      throw badRequest(
          "a rollout plan is required: plan=25% for a share of the sites, or"
              + " plan=5%,25%,100% every 1d for steps");
    }
    return text;
  }

  /** Optional text: absent and empty are the same. */
  static String optional(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }
}
