package dev.products;

import dev.products.auth.AccessTokens;
import dev.products.auth.AdminBootstrap;
import dev.products.bus.LocalJsonCodec;
import dev.products.cache.CacheVerticle;
import dev.products.config.AppConfig;
import dev.products.database.Database;
import dev.products.errors.ErrorTracking;
import dev.products.http.HttpVerticle;
import dev.products.jobs.JobHandler;
import dev.products.jobs.JobVerticle;
import dev.products.jobs.WelcomeEmail;
import dev.products.metrics.BusinessMetrics;
import dev.products.metrics.MetricsSetup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.products.logging.Logging;
import dev.products.ratelimit.RateLimitVerticle;
import dev.products.redis.RedisEndpoint;
import dev.products.repository.RepositoryVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot sequence of one instance, as a chain of futures: open the database and Redis (starting
 * the embedded ones if needed), migrate, deploy the repository and the rate limiter, then the HTTP
 * verticles. Stopping runs it backwards.
 */
public final class App {

  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Lifecycle lifecycle;
  private final Database database;
  private final RedisEndpoint redis;
  private final ErrorTracking errors;
  private final Deployments deployments;

  /** Deployment ids, undeployed in the reverse order of deployment. */
  private record Deployments(String repository, String rateLimits, String cache, String jobs, String http) {}

  private record RedisUsers(String rateLimits, String cache, String jobs) {

    RedisUsers(String rateLimits, String cache) {
      this(rateLimits, cache, null);
    }
  }

  private App(Vertx vertx, AppConfig config, Lifecycle lifecycle, Database database, RedisEndpoint redis,
      ErrorTracking errors, Deployments deployments) {
    this.errors = errors;
    this.vertx = vertx;
    this.config = config;
    this.lifecycle = lifecycle;
    this.database = database;
    this.redis = redis;
    this.deployments = deployments;
  }

  public static Future<App> start(Vertx vertx, AppConfig config) {
    return start(vertx, config, Map.of());
  }

  /** @param extraJobHandlers kinds of background job to run besides the service's own (tests) */
  public static Future<App> start(Vertx vertx, AppConfig config, Map<String, JobHandler> extraJobHandlers) {
    Map<String, JobHandler> jobHandlers = new java.util.HashMap<>(extraJobHandlers);
    jobHandlers.putIfAbsent(WelcomeEmail.KIND, WelcomeEmail.create(vertx, config.mail()));
    Logging.installRequestFields();
    LocalJsonCodec.register(vertx);
    return Database.open(vertx, config).compose(database -> RedisEndpoint.open(vertx, config)
        .compose(redis -> {
          Future<Void> migrated = config.migrateOnStart() ? database.migrate(vertx) : Future.succeededFuture();
          return migrated
              .compose(v -> database.expectedSchemaVersion(vertx))
              .compose(schemaVersion -> deployServices(vertx, config, database, redis, schemaVersion, jobHandlers))
              .recover(failure -> redis.close(vertx).transform(closed -> Future.failedFuture(failure)));
        })
        .recover(failure -> database.close(vertx).transform(closed -> Future.failedFuture(failure))));
  }

  private static Future<App> deployServices(Vertx vertx, AppConfig config, Database database, RedisEndpoint redis,
      String schemaVersion, Map<String, JobHandler> jobHandlers) {
    int instances = config.effectiveHttpInstances();
    Lifecycle lifecycle = new Lifecycle();
    ErrorTracking errors = ErrorTracking.start(vertx, config.errorTracking());
    PrometheusMeterRegistry registry = MetricsSetup.registryFor(vertx);
    Observability observability = new Observability(errors, registry, new BusinessMetrics(registry));
    if (config.jwt().generatedSecret()) {
      LOG.warn("JWT_SECRET is not set: signing tokens with a random per-start secret (dev only; "
          + "tokens end with the process and are not shared between instances)");
    }
    return vertx.deployVerticle(() -> new RepositoryVerticle(config, database.url(), schemaVersion),
            new DeploymentOptions().setInstances(instances))
        .compose(repository -> vertx.deployVerticle(new RateLimitVerticle(redis.url(), config.redis()))
            .compose(rateLimits -> vertx.deployVerticle(
                    new CacheVerticle(redis.url(), config.redis(), config.cacheTtl(), registry))
                .map(cache -> new RedisUsers(rateLimits, cache)))
            .compose(redisUsers -> vertx.deployVerticle(
                    new JobVerticle(database.url(), config.jobs(), jobHandlers, errors))
                .map(jobs -> new RedisUsers(redisUsers.rateLimits(), redisUsers.cache(), jobs)))
            .compose(redisUsers -> AccessTokens.resolveOptions(vertx, config.jwt())
                .compose(jwtKeys -> vertx.deployVerticle(() -> new HttpVerticle(config, lifecycle, jwtKeys, observability),
                    new DeploymentOptions().setInstances(instances)))
                .compose(http -> AdminBootstrap.run(vertx, config).map(http))
                .map(http -> {
                  LOG.info("Products API listening on http://{}:{} with {} HTTP instance(s); database: {}; {}; docs at /docs",
                      config.httpHost(), config.httpPort(), instances, database.describe(), redis.describe());
                  return new App(vertx, config, lifecycle, database, redis, errors,
                      new Deployments(repository, redisUsers.rateLimits(), redisUsers.cache(), redisUsers.jobs(), http));
                })));
  }

  private Future<Void> delay(long millis) {
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, id -> elapsed.complete());
    return elapsed.future();
  }

  public AppConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  /**
   * Readiness turns DOWN, the HTTP servers stop accepting and drain the requests in flight (bounded
   * by SHUTDOWN_TIMEOUT), then the rate limiter and the repository close their clients, then the
   * embedded Redis and database stop.
   */
  public Future<Void> stop() {
    lifecycle.markStopping();
    return delay(config.shutdownDelay().toMillis())
        .compose(v -> vertx.undeploy(deployments.http()))
        .compose(v -> vertx.undeploy(deployments.jobs()))
        .compose(v -> vertx.undeploy(deployments.cache()))
        .compose(v -> vertx.undeploy(deployments.rateLimits()))
        .compose(v -> vertx.undeploy(deployments.repository()))
        .eventually(errors::close)
        .eventually(() -> redis.close(vertx))
        .eventually(() -> database.close(vertx));
  }
}
