package dev.products.http.health;

import dev.products.Lifecycle;
import dev.products.http.Responses;
import dev.products.platform.bus.Address;
import dev.products.platform.bus.Bus;
import dev.products.platform.cluster.ClusterMembership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.Set;
import java.util.function.Function;

/**
 * Liveness ({@code /healthz/live}: the process answers, nothing else is checked) and readiness
 * ({@code /health}: vertx-health-check procedures, 200 when all are UP, 503 naming the one that is
 * not). Each dependency is asked through the verticle that owns it, over the event bus.
 */
public final class HealthHandlers {

  /**
   * The probes' paths: load balancers and orchestrators call them by address, often and
   * unauthenticated.
   */
  public static final Set<String> PROBES = Set.of("/healthz/live", "/health");

  private static final long CHECK_TIMEOUT_MS = 2_000;

  /**
   * The owner's answer is awaited for less than the check's own timeout, so a silent owner is DOWN
   * with our reason before vertx-health-check gives up on the procedure; and the procedure's
   * promise is only ever tried, since whichever of the two ends first has completed it.
   */
  private static final long OWNER_TIMEOUT_MS = 1_500;

  private final HealthChecks checks;
  private final HealthCheckHandler readiness;
  private final boolean details;

  /**
   * Makes the probes.
   *
   * @param details whether readiness names its checks and their data (schema version, cluster
   *     members, why one is down): for the management port and development; the public answer in
   *     prod says UP or DOWN and nothing an attacker could use
   */
  public HealthHandlers(Vertx vertx, Bus bus, Lifecycle lifecycle, boolean details) {
    this.details = details;
    this.checks =
        HealthChecks.create(vertx)
            .register(
                "lifecycle",
                CHECK_TIMEOUT_MS,
                promise ->
                    promise.complete(
                        lifecycle.stopping()
                            ? Status.KO(
                                new JsonObject().put("reason", "the instance is shutting down"))
                            : Status.OK()))
            .register(
                "database",
                CHECK_TIMEOUT_MS,
                promise ->
                    askOwner(bus, HealthBus.DATABASE, HealthBus.SchemaVersion::toJson)
                        .onSuccess(promise::tryComplete))
            .register(
                "redis",
                CHECK_TIMEOUT_MS,
                promise ->
                    askOwner(bus, HealthBus.REDIS, ok -> new JsonObject())
                        .onSuccess(promise::tryComplete));
    ClusterMembership cluster = ClusterMembership.of(vertx);
    if (cluster != null) {
      cluster.registerCheck(checks);
    }
    this.readiness = HealthCheckHandler.createWithHealthChecks(checks);
  }

  /**
   * Asks the verticle that owns a dependency; a failure or no answer in time is DOWN with the
   * reason. Never fails.
   */
  private static <R> Future<Status> askOwner(
      Bus bus, Address<HealthBus.Probe, R> address, Function<R, JsonObject> data) {
    return bus.request(address, new HealthBus.Probe(), OWNER_TIMEOUT_MS)
        .map(reply -> Status.OK(data.apply(reply)))
        .otherwise(failure -> Status.KO(new JsonObject().put("reason", failure.getMessage())));
  }

  public void liveness(RoutingContext rc) {
    Responses.json(rc, 200, new JsonObject().put("status", "UP"));
  }

  public void readiness(RoutingContext rc) {
    if (details) {
      readiness.handle(rc);
      return;
    }
    checks
        .checkStatus()
        .onComplete(
            checked -> {
              boolean up = checked.succeeded() && checked.result().getUp();
              Responses.json(
                  rc, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
            });
  }
}
