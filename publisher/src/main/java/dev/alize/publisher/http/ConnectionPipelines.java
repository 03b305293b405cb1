package dev.alize.publisher.http;

import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * A customizer of the server that completes each connection's pipeline with {@code complete} once
 * Micronaut has built it, for handlers Micronaut has no setting for.
 */
public record ConnectionPipelines(Consumer<ChannelPipeline> complete)
    implements NettyServerCustomizer {

  @Override
  public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
    if (role != ChannelRole.CONNECTION) {
      return this;
    }
    return new NettyServerCustomizer() {
      @Override
      public void onStreamPipelineBuilt() {
        complete.accept(channel.pipeline());
      }
    };
  }
}
