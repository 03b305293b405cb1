package dev.alize.consumer.http;

import dev.alize.common.http.RequestGuard;
import dev.alize.common.http.RequestTimeouts;
import dev.alize.consumer.config.ConfigurationException;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;

/**
 * Puts a {@link RequestGuard} on every connection of {@code serve}'s server, the admin API's and
 * the console's, with the timeouts of {@code alize.consumer.api} and the API's error body:
 * Micronaut bounds neither the time a request's headers take nor a body's silence while a
 * controller works.
 */
@Singleton
final class RequestGuards implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  private final RequestTimeouts timeouts;

  RequestGuards(ApiProperties properties) {
    try {
      timeouts = new RequestTimeouts(properties.headerTimeout(), properties.bodyIdleTimeout());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("alize.consumer.api." + e.getMessage());
    }
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new Connections());
    return event.getBean();
  }

  /** Specializes for each connection, whose pipeline it completes once it is built. */
  private final class Connections implements NettyServerCustomizer {
    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      if (role != ChannelRole.CONNECTION) {
        return this;
      }
      return new NettyServerCustomizer() {
        @Override
        public void onStreamPipelineBuilt() {
          RequestGuard.addAfter(
              ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
              channel.pipeline(),
              timeouts,
              ApiErrors::json);
        }
      };
    }
  }
}
