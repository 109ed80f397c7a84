package dev.products.http;

import dev.products.Lifecycle;
import dev.products.http.health.HealthHandlers;
import dev.products.platform.bus.Bus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The routes of {@code MANAGEMENT_PORT}, for the cluster network only: metrics and the two health
 * probes, with none of the public edge (no rate limits, host check or auth).
 */
final class ManagementRouter {

  private ManagementRouter() {}

  static Router create(
      Vertx vertx, Bus bus, Lifecycle lifecycle, PrometheusMeterRegistry registry) {
    HealthHandlers health = new HealthHandlers(vertx, bus, lifecycle, true);
    Router router = Router.router(vertx);
    // The same answers as on the public port, so they carry a request id too.
    router.route().handler(new RequestIds());
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.get("/healthz/live").handler(health::liveness);
    router.get("/health").handler(health::readiness);
    return router;
  }
}
