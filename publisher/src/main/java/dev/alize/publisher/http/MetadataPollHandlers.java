package dev.alize.publisher.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;

/**
 * Puts a {@link MetadataPollHandler} on every HTTP/1 connection of {@code serve}'s server, just
 * before Micronaut's own handler: after the codec and the request guard, which refuse what is no
 * valid request before it is answered.
 */
@Singleton
final class MetadataPollHandlers
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  private final FileAnswers answers;
  private final RepositoryMetrics metrics;

  /** The {@code Date} header's, shared by all connections: under load, one text a second. */
  private final HttpDates dates = new HttpDates();

  MetadataPollHandlers(FileAnswers answers, RepositoryMetrics metrics) {
    this.answers = answers;
    this.metrics = metrics;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new ConnectionPipelines(this::add));
    return event.getBean();
  }

  /** Adds the handler to an HTTP/1 pipeline (the only kind with the codec) that lacks it. */
  private void add(ChannelPipeline pipeline) {
    if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
        && pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
        && pipeline.get(MetadataPollHandler.NAME) == null) {
      pipeline.addBefore(
          ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
          MetadataPollHandler.NAME,
          new MetadataPollHandler(answers, metrics, dates));
    }
  }
}
