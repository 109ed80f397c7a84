package dev.products.http.edge;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * HEAD is answered wherever GET is (RFC 9110 §9.3.2): the request is routed as a GET, and the HTTP
 * server, which knows the request was a HEAD, sends the status and headers without the body. Runs
 * first, so the rerouted request passes every other handler exactly once.
 */
public final class HeadAsGet implements PlatformHandler {

  private static final String REROUTED = "head-as-get";

  @Override
  public void handle(RoutingContext rc) {
    if (HttpMethod.HEAD.equals(rc.request().method()) && rc.get(REROUTED) == null) {
      rc.put(REROUTED, true);
      rc.reroute(HttpMethod.GET, rc.request().uri());
      return;
    }
    rc.next();
  }
}
