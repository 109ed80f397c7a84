package dev.products.http.edge;

import dev.products.live.EventBusBridge;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;

/**
 * The last word on every request: one that has not started its answer within REQUEST_TIMEOUT of its
 * headers gets one. A body still arriving is the client's delay: 408, and the connection is closed
 * (what is left of the body cannot be told from the next request). Otherwise the delay is ours:
 * 503. Whatever was left running finds the response ended and answers nobody. WebSocket upgrades
 * and the SockJS transports are long-lived by design and keep their own timeouts.
 */
public final class RequestDeadline implements PlatformHandler {

  private final long timeoutMs;

  public RequestDeadline(Duration timeout) {
    this.timeoutMs = timeout.toMillis();
  }

  @Override
  public void handle(RoutingContext rc) {
    if (longLived(rc)) {
      rc.next();
      return;
    }
    long timer = rc.vertx().setTimer(timeoutMs, fired -> expire(rc));
    rc.addHeadersEndHandler(v -> rc.vertx().cancelTimer(timer));
    rc.next();
  }

  private void expire(RoutingContext rc) {
    if (rc.response().headWritten() || rc.response().ended()) {
      return;
    }
    if (bodyStillArriving(rc)) {
      rc.response().putHeader(HttpHeaders.CONNECTION, "close");
      rc.addEndHandler(sent -> rc.request().connection().close());
      rc.fail(
          new HttpException(408, "The request body did not arrive within " + timeoutMs + " ms"));
    } else {
      rc.fail(
          new HttpException(
              503, "The request was not answered within " + timeoutMs + " ms; retry later"));
    }
  }

  /**
   * A body was announced and the body handler has not got all of it (a request without one never
   * waits for it).
   */
  private static boolean bodyStillArriving(RoutingContext rc) {
    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    boolean announced =
        rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null
            || (length != null && !length.trim().equals("0"));
    return announced && !rc.request().isEnded();
  }

  private static boolean longLived(RoutingContext rc) {
    String upgrade = rc.request().getHeader(HttpHeaders.UPGRADE);
    return (upgrade != null && upgrade.equalsIgnoreCase("websocket"))
        || rc.request().path().startsWith(EventBusBridge.PATH);
  }
}
