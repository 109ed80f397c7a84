package dev.products.http.edge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A new connection must bring its first request's headers within HEADER_TIMEOUT, or it is closed: a
 * client that trickles header bytes (slowloris) never idles long enough for the idle timeout to
 * notice, and would otherwise hold a connection for as long as it likes. Later requests on a
 * kept-alive connection are bounded by the idle timeout between bytes and by REQUEST_TIMEOUT. One
 * instance per HTTP verticle: its connections and requests all run on that verticle's event loop,
 * so the map needs no locking. Vert.x announces a connection at accept time only while cleartext
 * HTTP/2 is off (otherwise only once the first bytes are read), so the server runs without it.
 */
public final class HeaderDeadline {

  private final Vertx vertx;
  private final long timeoutMs;
  private final Map<HttpConnection, Long> awaitingHeaders = new HashMap<>();

  public HeaderDeadline(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeoutMs = timeout.toMillis();
  }

  /** For the server's connection handler. */
  public void connected(HttpConnection connection) {
    long timer =
        vertx.setTimer(
            timeoutMs,
            fired -> {
              if (awaitingHeaders.remove(connection) != null) {
                connection.close();
              }
            });
    awaitingHeaders.put(connection, timer);
    connection.closeHandler(closed -> headersArrived(connection));
  }

  /** Wraps the server's request handler: a request's arrival means its headers are complete. */
  public Handler<HttpServerRequest> before(Handler<HttpServerRequest> requests) {
    return request -> {
      headersArrived(request.connection());
      requests.handle(request);
    };
  }

  private void headersArrived(HttpConnection connection) {
    Long timer = awaitingHeaders.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
