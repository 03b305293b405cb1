package dev.alize.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One HTTP/1 connection's guard, between Netty's codec and the server's own handler, for what a
 * server's routes and settings cannot refuse:
 *
 * <ul>
 *   <li>a client that takes longer than {@link RequestTimeouts#header()} to send a request's line
 *       and headers is answered 408 and cut off; one silent for {@link RequestTimeouts#bodyIdle()}
 *       while the server waits for its body is cut off;
 *   <li>a request line of another HTTP version (505), of a method that is not a standard one (501),
 *       or that Netty cannot parse (400, 414, 431) is answered without reaching a route;
 *   <li>an answer sent before the request's body has all arrived (a 401, 413 or 415 refusing it)
 *       says {@code Connection: close}, and the connection is closed after it, so that the client
 *       cannot go on streaming a body nobody reads.
 * </ul>
 *
 * <p>A connection it closes is first read for at most {@link #LINGER} and {@link #LINGER_BYTES},
 * discarding what comes: closing at once, with the client's body unread, would reset the connection
 * and lose the answer before the client reads it.
 */
public final class RequestGuard extends ChannelDuplexHandler {

  /** The guard's name in a pipeline. */
  public static final String NAME = "alize-request-guard";

  /** The longest a refused connection is read, discarding, before it is closed. */
  static final Duration LINGER = Duration.ofSeconds(2);

  /**
   * The most of a refused body that is read, discarding, before the connection is closed: enough
   * for a client that sends a whole body before it reads (as Java's) to read the answer to a body
   * somewhat over a limit.
   */
  static final long LINGER_BYTES = 8 << 20;

  private final RequestTimeouts timeouts;
  private final Function<String, byte[]> errorBody;

  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> headerTimer;
  private ScheduledFuture<?> bodyTimer;

  /** Whether the codec passed on a message since the last read completed. */
  private boolean decodedThisRead;

  /** Whether a request's headers arrived and the rest of its body has not. */
  private boolean inBody;

  /** Requests passed on whose answer is not written whole yet. */
  private int unanswered;

  /** Whether a final answer's head is written and its end not yet. */
  private boolean answering;

  private boolean closeAfterAnswer;

  /** Whether nothing more is passed on: the connection is refused and closes. */
  private boolean refused;

  private long discarded;

  /**
   * @param errorBody the JSON error body of a message, as the server's API words its errors
   */
  public RequestGuard(RequestTimeouts timeouts, Function<String, byte[]> errorBody) {
    this.timeouts = timeouts;
    this.errorBody = errorBody;
  }

  /**
   * Adds a guard to {@code pipeline} after its HTTP/1 codec, named {@code codec}; a pipeline
   * without one (HTTP/2) or with a guard already is left as it is.
   */
  public static void addAfter(
      String codec,
      ChannelPipeline pipeline,
      RequestTimeouts timeouts,
      Function<String, byte[]> errorBody) {
    if (pipeline.get(codec) != null && pipeline.get(NAME) == null) {
      pipeline.addAfter(codec, NAME, new RequestGuard(timeouts, errorBody));
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) {
      awaitHeaders();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelTimers();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    awaitHeaders();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimers();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    decodedThisRead = true;
    if (refused) {
      discard(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      cancel(headerTimer);
      headerTimer = null;
      // A request without a body is answered before the empty end the codec passes after it.
      inBody = !(msg instanceof LastHttpContent) && hasBody(request);
      Optional<HttpRefusal> refusal = refusal(request);
      if (refusal.isPresent()) {
        ReferenceCountUtil.release(msg);
        refuse(refusal.get());
        return;
      }
      unanswered++;
    } else if (msg instanceof HttpContent) {
      cancel(bodyTimer);
      bodyTimer = null;
      if (msg instanceof LastHttpContent) {
        inBody = false;
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!decodedThisRead && !inBody && unanswered == 0) {
      // Bytes came and made no message yet: a request has begun.
      awaitHeaders();
    }
    decodedThisRead = false;
    ctx.fireChannelReadComplete();
  }

  /** The server asks for more: while it waits for a body, the client's silence is bounded. */
  @Override
  public void read(ChannelHandlerContext ctx) {
    if (inBody && !refused && bodyTimer == null) {
      bodyTimer = schedule(timeouts.bodyIdle(), this::bodyTimedOut);
    }
    ctx.read();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      answering = true;
      if (inBody) {
        closeAfterAnswer = true;
        HttpUtil.setKeepAlive(response, false);
      }
    }
    if (!(msg instanceof LastHttpContent) || !answering) {
      ctx.write(msg, promise);
      return;
    }
    answering = false;
    unanswered = Math.max(0, unanswered - 1);
    if (!closeAfterAnswer) {
      ctx.write(msg, promise);
      return;
    }
    ChannelPromise written = promise.unvoid();
    ctx.write(msg, written);
    written.addListener(f -> linger());
  }

  private static boolean hasBody(HttpRequest request) {
    return HttpUtil.isTransferEncodingChunked(request)
        || HttpUtil.getContentLength(request, 0L) > 0;
  }

  private static Optional<HttpRefusal> refusal(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        return Optional.of(new HttpRefusal(414, "the request line is too long"));
      }
      if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
        return Optional.of(new HttpRefusal(431, "the request's headers are too large"));
      }
      return Optional.of(
          new HttpRefusal(400, "the request's line or one of its headers is not valid HTTP/1.1"));
    }
    return HttpRefusal.ofRequestLine(request.method().name(), request.protocolVersion().text());
  }

  private void awaitHeaders() {
    if (headerTimer == null && !refused) {
      headerTimer = schedule(timeouts.header(), this::headersTimedOut);
    }
  }

  private void headersTimedOut() {
    headerTimer = null;
    if (!refused && unanswered == 0) {
      refuse(
          new HttpRefusal(
              408,
              "the request's line and headers took longer than "
                  + timeouts.header().toSeconds()
                  + " s to arrive"));
    }
  }

  private void bodyTimedOut() {
    bodyTimer = null;
    if (inBody && !refused) {
      // The server's handler has the request and may be answering: only closing is safe.
      refused = true;
      ctx.close();
    }
  }

  /** Answers {@code refusal} with the server's error body, then closes the connection. */
  private void refuse(HttpRefusal refusal) {
    refused = true;
    cancelTimers();
    if (unanswered > 0) {
      // An answer to an earlier request is under way: another one cannot be put in its midst.
      ctx.close();
      return;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(refusal.status()),
            Unpooled.wrappedBuffer(errorBody.apply(refusal.message())));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(f -> linger());
  }

  /** Ends the answer's direction, reads and discards for a while, then closes. */
  private void linger() {
    if (!ctx.channel().isActive()) {
      return;
    }
    refused = true;
    cancelTimers();
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    if (tls != null) {
      tls.closeOutbound();
    } else if (ctx.channel() instanceof DuplexChannel duplex) {
      duplex.shutdownOutput();
    }
    schedule(LINGER, ctx::close);
    ctx.channel().config().setAutoRead(true);
    ctx.read();
  }

  private void discard(Object msg) {
    if (msg instanceof ByteBufHolder holder) {
      discarded += holder.content().readableBytes();
    } else if (msg instanceof ByteBuf buffer) {
      discarded += buffer.readableBytes();
    }
    ReferenceCountUtil.release(msg);
    if (discarded > LINGER_BYTES) {
      ctx.close();
    }
  }

  private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
    return ctx.executor().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void cancelTimers() {
    cancel(headerTimer);
    cancel(bodyTimer);
    headerTimer = null;
    bodyTimer = null;
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
