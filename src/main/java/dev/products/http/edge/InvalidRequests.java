package dev.products.http.edge;

import dev.products.http.RequestIds;
import dev.products.http.problem.Problem;
import dev.products.http.problem.ProblemType;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the HTTP codec could not read (a request line over the limit, headers over the
 * limit, a malformed header) before any router sees them: Vert.x's default answer is an empty
 * 400/414/431; ours is the same status as a problem document with a request id. The server closes
 * the connection afterwards, as it must: the rest of its bytes cannot be trusted.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger("access");

  @Override
  public void handle(HttpServerRequest request) {
    Problem problem = problemFor(request.decoderResult());
    String requestId = RequestIds.generate();
    LOG.info("invalid request {} request_id={}", problem.status(), requestId);
    request
        .response()
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader("X-Content-Type-Options", "nosniff");
    // The target could not be read, so the instance is the one thing known about it: nothing.
    problem.send(request.response(), null, requestId);
  }

  static Problem problemFor(@Nullable DecoderResult result) {
    Throwable cause = result == null ? null : result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return Problem.of(
          ProblemType.URI_TOO_LONG, "The request line is longer than the service accepts");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return Problem.of(
          ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than the service accepts");
    }
    return Problem.of(ProblemType.MALFORMED_REQUEST, "The request is not well-formed HTTP/1.1");
  }
}
