package dev.alize.consumer.load;

import dev.alize.consumer.fetch.FetcherSettings;
import dev.alize.consumer.fetch.PinnedTrust;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Runs a {@link PollLoad}: every consumer a connection of its own, all of them on {@link #THREADS}
 * event-loop threads, so that the load is bounded whatever the number of consumers. Each consumer's
 * state lives on one event loop and is touched by it alone.
 */
public final class Pollers {

  /** One per core of the machines the load runs on: the publisher gets the others. */
  public static final int THREADS = 2;

  private static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final int ERRORS_KEPT = 20;

  private final PollLoad load;
  private final SSLContext tls;
  private final Bootstrap bootstrap;
  private final long counted;
  private final long end;
  private final CountDownLatch finished;

  private Pollers(PollLoad load, EventLoopGroup group, long start)
      throws IOException, GeneralSecurityException {
    this.load = load;
    this.tls = PinnedTrust.of(load.certificate());
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) FetcherSettings.DEFAULT.connectTimeout().toMillis());
    this.counted = start + load.warmup().toNanos();
    this.end = start + load.length().toNanos();
    this.finished = new CountDownLatch(load.pollers());
  }

  /** Polls for {@code load.length()}, then waits for the polls under way. */
  public static PollResult run(PollLoad load)
      throws IOException, GeneralSecurityException, InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(THREADS, NioIoHandler.newFactory());
    try {
      long start = System.nanoTime();
      Pollers pollers = new Pollers(load, group, start);
      SplittableRandom random = new SplittableRandom(1);
      List<Poller> all = new ArrayList<>();
      for (int i = 0; i < load.pollers(); i++) {
        Poller poller = pollers.new Poller(i, group.next());
        all.add(poller);
        poller.loop.schedule(
            poller::poll, random.nextLong(load.interval().toNanos()), TimeUnit.NANOSECONDS);
      }
      long bound =
          load.length().plus(FetcherSettings.DEFAULT.responseTimeout()).multipliedBy(2).toNanos();
      pollers.finished.await(bound, TimeUnit.NANOSECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      // Read on the loops that wrote them, once every poll is over.
      List<Tally> tallies = new ArrayList<>();
      for (Poller poller : all) {
        tallies.add(poller.loop.submit(poller::tally).get(10, TimeUnit.SECONDS));
      }
      return result(seconds, tallies, all, pollers.finished.getCount());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the consumers' figures", e);
    } finally {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(30, TimeUnit.SECONDS);
    }
  }

  /** What one consumer counted. */
  private record Tally(
      long polls, long requests, long connections, long errorCount, List<String> errors) {}

  private static PollResult result(
      double seconds, List<Tally> tallies, List<Poller> all, long stillPolling) {
    List<String> errors = new ArrayList<>();
    if (stillPolling > 0) {
      errors.add(stillPolling + " consumers still polling after the bound");
    }
    for (Tally t : tallies) {
      t.errors().stream().limit(Math.max(0, ERRORS_KEPT - errors.size())).forEach(errors::add);
    }
    long[] latencies = all.stream().flatMapToLong(p -> p.latencies.stream()).sorted().toArray();
    long[] handshakes = all.stream().flatMapToLong(p -> p.handshakes.stream()).sorted().toArray();
    return new PollResult(
        seconds,
        tallies.stream().mapToLong(Tally::polls).sum(),
        tallies.stream().mapToLong(Tally::requests).sum(),
        tallies.stream().mapToLong(Tally::connections).sum(),
        stillPolling + tallies.stream().mapToLong(Tally::errorCount).sum(),
        List.copyOf(errors),
        (int) tallies.stream().filter(t -> t.polls() > 0).count(),
        percentileMs(latencies, 0.50),
        percentileMs(latencies, 0.99),
        percentileMs(latencies, 1.0),
        percentileMs(handshakes, 0.50));
  }

  /** The nearest-rank percentile; NaN when nothing was measured. */
  private static double percentileMs(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  /** Nanoseconds, appended cheaply. */
  private static final class Samples {
    private long[] values = new long[64];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    LongStream stream() {
      return Arrays.stream(values, 0, size);
    }
  }

  /** One consumer: its connection, the request it waits for, and its figures. */
  private final class Poller {
    private final int id;
    private final EventLoop loop;
    private final Samples latencies = new Samples();
    private final Samples handshakes = new Samples();
    private final List<String> errors = new ArrayList<>();
    private Channel channel;

    /** Whether a request was sent and its answer is awaited. */
    private boolean awaiting;

    private long sentAt;
    private ScheduledFuture<?> timeout;
    private long polls;
    private long requests;
    private long connections;
    private long errorCount;
    private boolean done;

    Poller(int id, EventLoop loop) {
      this.id = id;
      this.loop = loop;
    }

    void poll() {
      if (channel != null && channel.isActive()) {
        send();
        return;
      }
      connections++;
      long connecting = System.nanoTime();
      ChannelFuture connect =
          bootstrap
              .clone(loop)
              .handler(new Connection(this))
              .connect(load.base().getHost(), load.base().getPort());
      connect.addListener(
          f -> {
            if (!f.isSuccess()) {
              failed("cannot connect: " + f.cause());
              return;
            }
            Channel opened = connect.channel();
            opened
                .pipeline()
                .get(SslHandler.class)
                .handshakeFuture()
                .addListener(
                    h -> {
                      if (!h.isSuccess()) {
                        failed("TLS handshake failed: " + h.cause());
                        opened.close();
                        return;
                      }
                      handshakes.add(System.nanoTime() - connecting);
                      channel = opened;
                      send();
                    });
          });
    }

    private void send() {
      awaiting = true;
      String path = "/metadata/timestamp.json";
      FullHttpRequest request =
          new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
      request
          .headers()
          .set(HttpHeaderNames.HOST, load.base().getHost() + ":" + load.base().getPort());
      if (id % 2 == 0) {
        request.headers().set(HttpHeaderNames.IF_NONE_MATCH, load.etag());
      } else {
        request.headers().set(HttpHeaderNames.IF_MODIFIED_SINCE, load.lastModified());
      }
      Channel on = channel;
      sentAt = System.nanoTime();
      timeout =
          loop.schedule(
              () -> {
                failed("no answer within the consumer's response timeout for " + path);
                on.close();
              },
              FetcherSettings.DEFAULT.responseTimeout().toNanos(),
              TimeUnit.NANOSECONDS);
      on.writeAndFlush(request)
          .addListener(
              w -> {
                if (!w.isSuccess() && awaiting) {
                  failed("cannot send " + path + ": " + w.cause());
                  on.close();
                }
              });
    }

    void answered(FullHttpResponse response) {
      long latency = System.nanoTime() - sentAt;
      requests++;
      if (!awaiting) {
        error("an answer to no request: " + response.status());
        return;
      }
      timeout.cancel(false);
      if (sentAt - counted >= 0) {
        latencies.add(latency);
      }
      int status = response.status().code();
      String etag = response.headers().get(HttpHeaderNames.ETAG);
      if (status != 304 || !load.etag().equals(etag)) {
        failed("timestamp.json answered " + status + " with ETag " + etag + ", not 304");
      } else {
        polls++;
        if (!HttpUtil.isKeepAlive(response)) {
          channel.close();
        }
        next();
      }
    }

    /** The connection ended: a failure when an answer was awaited. */
    void closed(Channel which) {
      if (which != channel) {
        return;
      }
      channel = null;
      if (awaiting) {
        failed("connection closed before the answer");
      }
    }

    void broken(Channel which, Throwable cause) {
      which.close();
      if (which != channel) {
        // Still connecting: the failed handshake reports it.
        return;
      }
      channel = null;
      if (awaiting) {
        failed("connection failed: " + cause);
      } else {
        error("connection failed between polls: " + cause);
      }
    }

    private void failed(String what) {
      if (timeout != null) {
        timeout.cancel(false);
      }
      error(what);
      next();
    }

    private void error(String what) {
      errorCount++;
      if (errors.size() < ERRORS_KEPT) {
        errors.add("consumer " + id + ": " + what);
      }
    }

    private void next() {
      awaiting = false;
      if (System.nanoTime() - end < 0) {
        loop.schedule(this::poll, load.interval().toNanos(), TimeUnit.NANOSECONDS);
      } else if (!done) {
        done = true;
        if (channel != null) {
          channel.close();
        }
        finished.countDown();
      }
    }

    Tally tally() {
      return new Tally(polls, requests, connections, errorCount, List.copyOf(errors));
    }
  }

  /** The pipeline of one consumer's connection: TLS, HTTP/1.1, whole answers to its consumer. */
  private final class Connection extends ChannelInitializer<SocketChannel> {
    private final Poller poller;

    Connection(Poller poller) {
      this.poller = poller;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
      SSLEngine engine = tls.createSSLEngine(load.base().getHost(), load.base().getPort());
      engine.setUseClientMode(true);
      // The host name check of the consumer's HTTPS client: the certificate must name 127.0.0.1.
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
      ch.pipeline()
          .addLast(new SslHandler(engine))
          .addLast(new HttpClientCodec())
          .addLast(new HttpObjectAggregator(MAX_ANSWER_BYTES))
          .addLast(
              new SimpleChannelInboundHandler<FullHttpResponse>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                  poller.answered(response);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                  poller.closed(ctx.channel());
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                  poller.broken(ctx.channel(), cause);
                }
              });
    }
  }
}
