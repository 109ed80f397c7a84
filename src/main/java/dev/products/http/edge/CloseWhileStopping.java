package dev.products.http.edge;

import dev.products.Lifecycle;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Once the instance is stopping, every answer says {@code Connection: close} and its connection
 * closes after it. A keep-alive client then opens its next connection elsewhere (readiness is
 * already DOWN) during SHUTDOWN_DELAY, instead of sending a request into an idle connection at the
 * moment the drain closes it, which it would see as a reset. Decided when the answer's headers are
 * written, so a request that arrived before the stop but ends after it is covered too.
 */
public final class CloseWhileStopping implements PlatformHandler {

  private final Lifecycle lifecycle;

  public CloseWhileStopping(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerResponse response = rc.response();
    rc.addHeadersEndHandler(
        v -> {
          // A WebSocket upgrade (101) is not a keep-alive answer; its socket closes on its own.
          if (lifecycle.stopping() && response.getStatusCode() != 101) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            // Vert.x closes a connection being shut down once the answer in progress is written.
            rc.request().connection().shutdown();
          }
        });
    rc.next();
  }
}
