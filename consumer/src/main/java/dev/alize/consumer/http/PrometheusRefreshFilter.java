package dev.alize.consumer.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Before a scrape of /prometheus, reads the consumer's gauges afresh ({@link
 * ConsumerMetrics#refresh}), off the event loop: the scrape itself then reads memory only.
 */
@ServerFilter(value = "/prometheus", methods = HttpMethod.GET)
final class PrometheusRefreshFilter {

  private final ConsumerMetrics metrics;

  PrometheusRefreshFilter(ConsumerMetrics metrics) {
    this.metrics = metrics;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  void refresh() {
    metrics.refresh();
  }
}
