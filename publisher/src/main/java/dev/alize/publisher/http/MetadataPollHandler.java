package dev.alize.publisher.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * One HTTP/1.1 connection's shortcut for the request every consumer keeps sending: a plain GET or
 * HEAD of a file of {@code metadata/}, answered on the event loop exactly as {@link
 * RepositoryFileController} answers it (both through {@link FileAnswers}), without Micronaut's
 * routing, filters and reactive response building, which were most of such a request's CPU.
 *
 * <p>Everything else is passed on untouched: other paths, methods and versions, a path with an
 * escape or a query, a request with a body or with a header that could change its answer ({@link
 * #ANSWERED_HEADERS}), and every request that arrives while an answer of Micronaut's is under way,
 * so that pipelined answers keep the order of their requests.
 */
final class MetadataPollHandler extends ChannelDuplexHandler {

  /** The handler's name in a pipeline. */
  static final String NAME = "alize-metadata-polls";

  private static final String PREFIX = "/" + RepositoryArea.METADATA.folder() + "/";

  /**
   * The request headers a poll may carry; any other, such as {@code Connection}, {@code Accept},
   * {@code Authorization} or {@code Content-Length}, hands the request to Micronaut.
   */
  private static final AsciiString[] ANSWERED_HEADERS = {
    HttpHeaderNames.HOST,
    HttpHeaderNames.USER_AGENT,
    HttpHeaderNames.IF_NONE_MATCH,
    HttpHeaderNames.IF_MODIFIED_SINCE
  };

  private static final AsciiString ETAG = AsciiString.cached("ETag");
  private static final AsciiString CACHE_CONTROL = AsciiString.cached("Cache-Control");
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
  private static final AsciiString NO_SNIFF_NAME = AsciiString.cached(FileAnswer.NO_SNIFF_NAME);
  private static final AsciiString NO_SNIFF = AsciiString.cached(FileAnswer.NO_SNIFF);

  private final FileAnswers answers;
  private final RepositoryMetrics metrics;
  private final HttpDates dates;

  /** Requests passed on whose answer has not ended yet. */
  private int passedOn;

  /** Whether a final answer of Micronaut's is being written and its end is not yet. */
  private boolean answering;

  /** Whether the rest of the last request (its empty end) is dropped, the request answered here. */
  private boolean dropContent;

  private boolean flushPending;

  /** Whether a read was asked for while the client was not reading its answers. */
  private boolean readDeferred;

  /**
   * @param dates the {@code Date} header's dates, shared by the server's connections
   */
  MetadataPollHandler(FileAnswers answers, RepositoryMetrics metrics, HttpDates dates) {
    this.answers = answers;
    this.metrics = metrics;
    this.dates = dates;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      if (passedOn == 0 && isPlainPoll(request)) {
        dropContent = true;
        answer(ctx, request);
      } else {
        passOn(ctx, request);
      }
    } else if (dropContent && msg instanceof HttpContent) {
      ReferenceCountUtil.release(msg);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  /**
   * A client that sends polls without reading the answers is not read from until it does: the
   * answers would pile up in memory.
   */
  @Override
  public void read(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      ctx.read();
    } else {
      readDeferred = true;
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (readDeferred && ctx.channel().isWritable()) {
      readDeferred = false;
      ctx.read();
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** Watches Micronaut's answers end, to know when a poll may be answered here again. */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      answering = true;
    }
    if (answering && msg instanceof LastHttpContent) {
      answering = false;
      passedOn = Math.max(0, passedOn - 1);
    }
    ctx.write(msg, promise);
  }

  private static boolean isPlainPoll(HttpRequest request) {
    // A request the codec passes whole is one it could not decode: the guard refuses it first.
    if (request instanceof HttpContent
        || request.protocolVersion() != HttpVersion.HTTP_1_1
        || !(HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method()))
        || !request.uri().startsWith(PREFIX)
        || !RequestPaths.isPlainName(request.uri().substring(PREFIX.length()))) {
      return false;
    }
    Iterator<Map.Entry<CharSequence, CharSequence>> headers =
        request.headers().iteratorCharSequence();
    while (headers.hasNext()) {
      if (!answered(headers.next().getKey())) {
        return false;
      }
    }
    return true;
  }

  private static boolean answered(CharSequence header) {
    for (AsciiString name : ANSWERED_HEADERS) {
      if (name.contentEqualsIgnoreCase(header)) {
        return true;
      }
    }
    return false;
  }

  private void passOn(ChannelHandlerContext ctx, HttpRequest request) {
    dropContent = false;
    passedOn++;
    ctx.fireChannelRead(request);
  }

  private void answer(ChannelHandlerContext ctx, HttpRequest request) {
    boolean get = HttpMethod.GET.equals(request.method());
    String method = request.method().name();
    String name = request.uri().substring(PREFIX.length());
    HttpHeaders headers = request.headers();
    FileAnswer answer;
    try {
      answer =
          answers.answer(
              RepositoryArea.METADATA,
              name,
              get,
              headers.getAll(HttpHeaderNames.IF_NONE_MATCH),
              headers.get(HttpHeaderNames.IF_MODIFIED_SINCE));
    } catch (IOException | RuntimeException e) {
      // Micronaut tries again, and answers and logs a failure as it does for every route.
      passOn(ctx, request);
      return;
    }
    // Larger metadata is streamed, which only Micronaut does; it answers a HEAD of a missing file
    // without a length, and so closes the connection after it.
    byte[] body = answer.body() != null ? answer.body().contentInMemory() : null;
    if (answer.body() != null && body == null || !get && !answer.describesFile()) {
      if (answer.body() != null) {
        FileAnswers.closeQuietly(answer.body());
      }
      passOn(ctx, request);
      return;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(answer.status()),
            body != null ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER,
            DefaultHttpHeadersFactory.headersFactory().withValidation(false),
            DefaultHttpHeadersFactory.trailersFactory().withValidation(false));
    HttpHeaders out = response.headers();
    // Micronaut's names and order: the controller's headers, then its own date and length.
    if (answer.describesFile()) {
      out.add(ETAG, answer.etag())
          .add(CACHE_CONTROL, answer.cacheControl())
          .add(HttpHeaderNames.EXPIRES, answer.expires())
          .add(HttpHeaderNames.LAST_MODIFIED, answer.lastModified());
    }
    if (answer.status() == 200) {
      out.add(CONTENT_TYPE, answer.contentType());
      if (!get) {
        out.add(CONTENT_LENGTH, answer.contentLength());
      }
      out.add(NO_SNIFF_NAME, NO_SNIFF);
    }
    out.add(HttpHeaderNames.DATE, dates.format(System.currentTimeMillis()));
    if (get && answer.status() != 304) {
      out.add(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    }
    metrics.request(RepositoryArea.METADATA, method, answer.status());
    if (body != null) {
      metrics.sent(RepositoryArea.METADATA, body.length);
    }
    ctx.write(response, ctx.voidPromise());
    flushPending = true;
  }
}
