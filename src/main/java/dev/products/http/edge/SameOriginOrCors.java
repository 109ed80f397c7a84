package dev.products.http.edge;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * CORS for cross-origin pages only. Browsers send {@code Origin} on same-origin writes too (a POST
 * from the service's own {@code /docs}), and Vert.x's {@link CorsHandler} refuses every origin it
 * is not given, the service's own included: such a request goes straight on, as the Fetch standard
 * has it, and every other origin meets the CORS policy.
 */
final class SameOriginOrCors implements SecurityPolicyHandler {

  private final CorsHandler cors;

  SameOriginOrCors(CorsHandler cors) {
    this.cors = cors;
  }

  @Override
  public void handle(RoutingContext rc) {
    String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
    if (origin != null && SameOrigin.as(origin, rc.request().getHeader(HttpHeaders.HOST))) {
      rc.next();
      return;
    }
    cors.handle(rc);
  }
}
