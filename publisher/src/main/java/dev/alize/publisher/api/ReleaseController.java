package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.release.Channel;
import dev.alize.common.release.ReleaseFacts;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.repository.ReleaseResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.InputStream;
import java.net.URI;

/**
 * The write API: release an uploaded datasource, promote, deprecate, revoke and reject releases,
 * and set, halt and resume their rollout. Every call needs a token configured for the datasource;
 * archive reading and signing run off the event loop.
 */
@Controller("/api/v1/datasources/{name}/releases")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReleaseController {

  private final PublishingService service;

  ReleaseController(PublishingService service) {
    this.service = service;
  }

  @Post(
      consumes = {"application/gzip", "application/x-gzip", MediaType.APPLICATION_OCTET_STREAM},
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<ObjectNode> release(
      HttpRequest<?> request,
      @PathVariable String name,
      @Nullable @QueryValue String version,
      @Nullable @QueryValue String channel,
      @Nullable @QueryValue String classification,
      @Nullable @QueryValue String notes,
      @Nullable @QueryValue("force-version") String forceVersion,
      @Nullable @QueryValue String rollout,
      @Nullable @Body InputStream body,
      Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    ReleaseParameters asked =
        new ReleaseParameters(
            ApiParameters.version(version),
            ApiParameters.channel(channel, Channel.TESTING),
            ApiParameters.classification(classification),
            ApiParameters.optional(notes),
            ApiParameters.optional(forceVersion),
            ApiParameters.optional(rollout));
    ReleaseResult result = service.release(name, asked, request.getContentLength(), body, actor);
    return HttpResponse.created(
        ReleaseJson.released(result), location(name, result.facts().version()));
  }

  @Post(
      value = "/{version}/promote",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  ObjectNode promote(
      @PathVariable String name,
      @PathVariable String version,
      @Nullable @QueryValue String channel,
      @Nullable @QueryValue String rollout,
      Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    ReleaseFacts facts =
        service.promote(
            name,
            ApiParameters.version(version),
            ApiParameters.channel(channel, null),
            ApiParameters.optional(rollout),
            actor);
    return ReleaseJson.facts(facts);
  }

  @Post(
      value = "/{version}/rollout",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  ObjectNode rollout(
      @PathVariable String name,
      @PathVariable String version,
      @Nullable @QueryValue String plan,
      Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    return ReleaseJson.facts(
        service.rollout(name, ApiParameters.version(version), ApiParameters.plan(plan), actor));
  }

  @Post(value = "/{version}/halt", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  ObjectNode halt(
      @PathVariable String name,
      @PathVariable String version,
      @Nullable @QueryValue String reason,
      Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    return ReleaseJson.facts(
        service.halt(name, ApiParameters.version(version), ApiParameters.reason(reason), actor));
  }

  @Post(
      value = "/{version}/resume",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  ObjectNode resume(
      @PathVariable String name, @PathVariable String version, Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    return ReleaseJson.facts(service.resume(name, ApiParameters.version(version), actor));
  }

  @Post(
      value = "/{version}/reject",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  ObjectNode reject(
      @PathVariable String name,
      @PathVariable String version,
      @Nullable @QueryValue String reason,
      Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    return ReleaseJson.facts(
        service.reject(name, ApiParameters.version(version), ApiParameters.reason(reason), actor));
  }

  @Post(
      value = "/{version}/deprecate",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  ObjectNode deprecate(
      @PathVariable String name,
      @PathVariable String version,
      @Nullable @QueryValue String reason,
      Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    return ReleaseJson.facts(
        service.deprecate(
            name, ApiParameters.version(version), ApiParameters.reason(reason), actor));
  }

  @Post(
      value = "/{version}/revoke",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  ObjectNode revoke(
      @PathVariable String name,
      @PathVariable String version,
      @Nullable @QueryValue String reason,
      Authentication authentication) {
    String actor = DatasourceAccess.require(authentication, ApiParameters.datasource(name));
    return ReleaseJson.facts(
        service.revoke(name, ApiParameters.version(version), ApiParameters.reason(reason), actor));
  }

  static URI location(String name, SemanticVersion version) {
    return URI.create("/api/v1/datasources/" + name + "/releases/" + version);
  }
}
