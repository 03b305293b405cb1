package dev.alize.publisher.api;

import dev.alize.common.http.RequestGuard;
import dev.alize.common.http.RequestTimeouts;
import dev.alize.publisher.config.ApiConfiguration;
import dev.alize.publisher.http.ConnectionPipelines;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import jakarta.inject.Singleton;

/**
 * Puts a {@link RequestGuard} on every connection of {@code serve}'s server (the repository's
 * files, the write and fleet APIs, the fleet page), with the timeouts of {@code
 * alize.publisher.api} and the API's error body: Micronaut bounds neither the time a request's
 * headers take nor a body's silence while a controller works.
 */
@Singleton
final class RequestGuards implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  private final RequestTimeouts timeouts;

  RequestGuards(ApiConfiguration configuration) {
    try {
      timeouts =
          new RequestTimeouts(configuration.headerTimeout(), configuration.bodyIdleTimeout());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("alize.publisher.api." + e.getMessage());
    }
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event
        .getBean()
        .register(
            new ConnectionPipelines(
                pipeline ->
                    RequestGuard.addAfter(
                        ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        pipeline,
                        timeouts,
                        ApiErrors::json)));
    return event.getBean();
  }
}
