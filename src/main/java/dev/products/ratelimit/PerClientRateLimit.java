package dev.products.ratelimit;

import dev.products.http.edge.ClientAddress;
import dev.products.http.health.HealthHandlers;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * The general budget per client address, on every route but the health probes and metrics (load
 * balancers and Prometheus poll those and must never be refused). Runs before the body is read.
 */
public final class PerClientRateLimit implements SecurityPolicyHandler {

  private static final String METRICS = "/metrics";

  private final RateLimits limits;
  private final int perClient;

  public PerClientRateLimit(RateLimits limits, int perClient) {
    this.limits = limits;
    this.perClient = perClient;
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.request().path();
    if (perClient <= 0 || HealthHandlers.PROBES.contains(path) || METRICS.equals(path)) {
      rc.next();
      return;
    }
    // The body handler comes next and must see the body from its start: hold the body while
    // Redis answers. Whoever answers without reading it (a 429 here, or the body handler's 413 on
    // Content-Length alone) leaves it paused; resuming once the response is out drains what is
    // left, so the keep-alive connection can carry the next request.
    rc.request().pause();
    rc.addEndHandler(
        sent -> {
          if (!rc.request().isEnded()) {
            rc.request().resume();
          }
        });
    limits
        .hit(rc, "ip", ClientAddress.of(rc), perClient)
        .onSuccess(v -> rc.next())
        .onFailure(rc::fail);
  }
}
