package dev.products.http.edge;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * The headers vertx-web has no handler for: {@code X-Content-Type-Options}, {@code
 * Referrer-Policy}, and in prod {@code Strict-Transport-Security} on every answer (TLS usually ends
 * at a proxy, so the request itself is rarely HTTPS; browsers ignore HSTS received over plain
 * HTTP).
 */
public final class SecurityHeaders implements SecurityPolicyHandler {

  private static final String HSTS = "max-age=31536000; includeSubDomains";

  private final boolean hsts;

  public SecurityHeaders(boolean hsts) {
    this.hsts = hsts;
  }

  @Override
  public void handle(RoutingContext rc) {
    var headers = rc.response().headers();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (hsts) {
      headers.set("Strict-Transport-Security", HSTS);
    }
    rc.next();
  }
}
