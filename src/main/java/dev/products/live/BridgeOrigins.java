package dev.products.live;

import dev.products.http.edge.SameOrigin;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The SockJS transports answer every {@code Origin} with itself and {@code
 * Access-Control-Allow-Credentials: true}, whatever the service's CORS policy says. In front of
 * them, this lets through only what the edge lets through: requests without an {@code Origin}
 * (scripts, same-origin navigations), pages of the service's own origin, and the origins {@code
 * CORS_ORIGINS} lists; any other page gets a 403 problem and no CORS headers.
 */
public final class BridgeOrigins implements Handler<RoutingContext> {

  private final Set<String> allowed;

  public BridgeOrigins(Iterable<String> corsOrigins) {
    Set<String> origins = new HashSet<>();
    corsOrigins.forEach(origin -> origins.add(origin.toLowerCase(Locale.ROOT)));
    this.allowed = Set.copyOf(origins);
  }

  @Override
  public void handle(RoutingContext rc) {
    String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
    if (origin == null
        || allowed.contains(origin.toLowerCase(Locale.ROOT))
        || SameOrigin.as(origin, rc.request().getHeader(HttpHeaders.HOST))) {
      rc.next();
      return;
    }
    rc.fail(
        new HttpException(
            403,
            "the event bus bridge does not answer pages of another origin; CORS_ORIGINS lists"
                + " those it does"));
  }
}
