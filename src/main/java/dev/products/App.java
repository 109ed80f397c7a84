package dev.products;

import dev.products.auth.AdminBootstrap;
import dev.products.auth.JwtKeys;
import dev.products.auth.TokenStoreVerticle;
import dev.products.categories.CategoryStoreVerticle;
import dev.products.exports.ExportCleanup;
import dev.products.exports.ExportFiles;
import dev.products.exports.ProductExport;
import dev.products.http.HttpVerticle;
import dev.products.jobs.Housekeeping;
import dev.products.jobs.JobHandler;
import dev.products.jobs.JobVerticle;
import dev.products.jobs.Mailer;
import dev.products.jobs.PasswordChangedEmail;
import dev.products.jobs.PasswordResetEmail;
import dev.products.jobs.WelcomeEmail;
import dev.products.live.LiveConnections;
import dev.products.platform.bus.Bus;
import dev.products.platform.bus.LocalCodec;
import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.cluster.ClusterMembership;
import dev.products.platform.config.AppConfig;
import dev.products.platform.database.Database;
import dev.products.platform.errors.ErrorTracking;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.logging.Logging;
import dev.products.platform.metrics.BuildInfoMetric;
import dev.products.platform.metrics.BusinessMetrics;
import dev.products.platform.metrics.MetricsSetup;
import dev.products.platform.redis.RedisEndpoint;
import dev.products.platform.store.DatabaseUpkeepVerticle;
import dev.products.platform.tracing.Tracing;
import dev.products.products.CacheVerticle;
import dev.products.products.CacheWrites;
import dev.products.products.ProductEventRelay;
import dev.products.products.ProductStoreVerticle;
import dev.products.products.ProductsBus;
import dev.products.products.VersionFloors;
import dev.products.ratelimit.LocalFixedWindow;
import dev.products.ratelimit.RateLimitVerticle;
import dev.products.users.UserStoreVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The boot sequence of one instance, as a chain of futures: open the database and Redis (starting
 * the embedded ones if needed), migrate, deploy the feature stores, rate-limit, cache and job
 * verticles, then the HTTP verticles. Stopping (or a failed start) runs it backwards.
 */
public final class App {

  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Lifecycle lifecycle;
  private final Database database;
  private final RedisEndpoint redis;
  private final ErrorTracking errors;
  private final List<DependencyOutage> outages;

  /**
   * Deployment ids in the order of deployment: the HTTP verticles last, so they are undeployed
   * first.
   */
  private final List<String> deployments;

  private App(
      Vertx vertx,
      AppConfig config,
      Lifecycle lifecycle,
      Database database,
      RedisEndpoint redis,
      ErrorTracking errors,
      List<DependencyOutage> outages,
      List<String> deployments) {
    this.errors = errors;
    this.outages = outages;
    this.vertx = vertx;
    this.config = config;
    this.lifecycle = lifecycle;
    this.database = database;
    this.redis = redis;
    this.deployments = deployments;
  }

  public static Future<App> start(Vertx vertx, AppConfig config) {
    return start(vertx, config, Tracing.off());
  }

  /**
   * Starts on {@code vertx}, whose tracer (if any) {@code tracing} installed; the service's own
   * spans (job runs) are made with it.
   */
  public static Future<App> start(Vertx vertx, AppConfig config, Tracing tracing) {
    return start(vertx, config, Map.of(), tracing);
  }

  /**
   * Deploys the verticles on {@code vertx} and starts serving.
   *
   * @param extraJobHandlers kinds of background job to run besides the service's own (tests)
   */
  public static Future<App> start(
      Vertx vertx, AppConfig config, Map<String, JobHandler> extraJobHandlers) {
    return start(vertx, config, extraJobHandlers, Tracing.off());
  }

  /** As {@link #start(Vertx, AppConfig, Map)}, on an instance {@code tracing} traces. */
  public static Future<App> start(
      Vertx vertx, AppConfig config, Map<String, JobHandler> extraJobHandlers, Tracing tracing) {
    ExportFiles exports = new ExportFiles(config.dataDir());
    Bus bus = new Bus(vertx, config.bus());
    Map<String, JobHandler> jobHandlers = new HashMap<>(extraJobHandlers);
    Mailer mailer = Mailer.create(vertx, config.mail());
    jobHandlers.putIfAbsent(WelcomeEmail.KIND, new WelcomeEmail(mailer));
    jobHandlers.putIfAbsent(PasswordResetEmail.KIND, new PasswordResetEmail(bus, mailer));
    jobHandlers.putIfAbsent(PasswordChangedEmail.KIND, new PasswordChangedEmail(bus, mailer));
    jobHandlers.putIfAbsent(ProductExport.KIND, new ProductExport(vertx, bus, exports));
    jobHandlers.putIfAbsent(
        ExportCleanup.KIND, new ExportCleanup(vertx, exports, config.exports().maxAge()));
    jobHandlers.putIfAbsent(Housekeeping.KIND, new Housekeeping(bus));
    Logging.installRequestFields();
    LocalJsonCodec.register(vertx);
    LocalCodec.register(vertx);
    return Database.open(vertx, config)
        .compose(
            database ->
                RedisEndpoint.open(vertx, config)
                    .compose(
                        redis -> {
                          Future<Void> migrated =
                              config.migrateOnStart()
                                  ? database.migrate(vertx)
                                  : Future.succeededFuture();
                          return migrated
                              .compose(v -> database.expectedSchemaVersion(vertx))
                              .compose(
                                  schemaVersion ->
                                      deployServices(
                                          vertx,
                                          config,
                                          database,
                                          redis,
                                          schemaVersion,
                                          jobHandlers,
                                          tracing))
                              .recover(
                                  failure ->
                                      redis
                                          .close(vertx)
                                          .transform(closed -> Future.failedFuture(failure)));
                        })
                    .recover(
                        failure ->
                            database
                                .close(vertx)
                                .transform(closed -> Future.failedFuture(failure))));
  }

  private static Future<App> deployServices(
      Vertx vertx,
      AppConfig config,
      Database database,
      RedisEndpoint redis,
      String schemaVersion,
      Map<String, JobHandler> jobHandlers,
      Tracing tracing) {
    int instances = config.effectiveHttpInstances();
    int redisInstances = config.effectiveRedisVerticleInstances();
    Lifecycle lifecycle = new Lifecycle();
    ErrorTracking errors = ErrorTracking.start(vertx, config.errorTracking());
    PrometheusMeterRegistry registry = MetricsSetup.registryFor(vertx);
    BuildInfoMetric.register(registry);
    Observability observability =
        new Observability(errors, registry, new BusinessMetrics(registry));
    ClusterMembership cluster = ClusterMembership.of(vertx);
    if (cluster != null) {
      cluster.registerGauge(registry);
    }
    List<String> deployed = new ArrayList<>();
    LiveConnections liveConnections = new LiveConnections();
    // Without PostgreSQL nothing but health is served (ERROR); without Redis the service degrades.
    DependencyOutage databaseOutage =
        new DependencyOutage(
            "PostgreSQL at " + database.url().display(),
            Level.ERROR,
            "requests that need it answer 503 until it answers",
            "requests are served again");
    DependencyOutage redisOutage =
        new DependencyOutage(
            "Redis at " + redis.url().display(),
            Level.WARN,
            "rate limits fall back to per-instance counters and product reads skip the cache until"
                + " it answers",
            "rate limits are shared by every instance again and product reads use the cache");
    // Each feature's store scales with the HTTP instances; all share one pool (by name).
    List<Supplier<Deployable>> stores =
        List.of(
            () -> new ProductStoreVerticle(config, database.url(), databaseOutage),
            () -> new UserStoreVerticle(config, database.url(), databaseOutage),
            () -> new TokenStoreVerticle(config, database.url(), databaseOutage),
            () -> new CategoryStoreVerticle(config, database.url(), databaseOutage));
    // Rate limits and the cache are on every request's path, so they scale with the HTTP instances
    // too (REDIS_VERTICLE_INSTANCES): no single event loop that all requests pass on many cores.
    // The state their instances must agree on is
    // created here, once: the fallback counters (the limit while Redis is down must not grow with
    // the cores) and what the cache knows about writes (a write reaches one cache instance).
    LocalFixedWindow rateLimitFallback = new LocalFixedWindow(System::currentTimeMillis);
    CacheWrites cacheWrites = new CacheWrites();
    // A stale copy may live CACHE_TTL after the last load that began before the write stored it,
    // and a load waits at most a bus timeout; the margin covers clocks and scheduling.
    VersionFloors versionFloors =
        new VersionFloors(config.cacheTtl().plus(config.bus().timeout()).plusSeconds(5), 100_000);
    return deployEach(vertx, deployed, stores, instances)
        .compose(v -> floorsFromOutbox(vertx, config, versionFloors))
        .compose(
            v ->
                deploy(
                    vertx,
                    deployed,
                    () ->
                        new DatabaseUpkeepVerticle(
                            config, database.url(), schemaVersion, databaseOutage),
                    1))
        // One relay per node; one node relays at a time, so it is off the request path.
        .compose(
            v ->
                deploy(
                    vertx,
                    deployed,
                    () -> new ProductEventRelay(database.url(), config.events(), registry),
                    1))
        .compose(
            v ->
                deploy(
                    vertx,
                    deployed,
                    () ->
                        new RateLimitVerticle(
                            redis.url(),
                            config.redis(),
                            rateLimitFallback,
                            redisOutage,
                            config.bus()),
                    redisInstances))
        .compose(
            v ->
                deploy(
                    vertx,
                    deployed,
                    () ->
                        new CacheVerticle(
                            redis.url(),
                            config.redis(),
                            config.cacheTtl(),
                            registry,
                            cacheWrites,
                            versionFloors,
                            redisOutage,
                            config.bus()),
                    redisInstances))
        .compose(
            v ->
                deploy(
                    vertx,
                    deployed,
                    () ->
                        new JobVerticle(
                            database.url(),
                            config.jobs(),
                            jobHandlers,
                            recurringTasks(config),
                            errors,
                            databaseOutage,
                            config.bus(),
                            tracing),
                    1))
        .compose(v -> JwtKeys.resolve(vertx, config.jwt(), config.dataDir()))
        .onSuccess(
            keys ->
                // Which key signs, so a rotation can be followed in the logs; never the key.
                LOG.info(
                    "JWT {}: signing with kid {}, {} previous key(s) accepted for verification",
                    config.jwt().algorithm(),
                    keys.kid(),
                    keys.previousKeys()))
        .compose(
            jwtKeys ->
                deploy(
                    vertx,
                    deployed,
                    () ->
                        new HttpVerticle(
                            config, lifecycle, jwtKeys, observability, liveConnections),
                    instances))
        .compose(v -> AdminBootstrap.run(vertx, config))
        .map(
            v -> {
              LOG.info(
                  "{}", StartBanner.text(config, instances, database.describe(), redis.describe()));
              return new App(
                  vertx,
                  config,
                  lifecycle,
                  database,
                  redis,
                  errors,
                  List.of(databaseOutage, redisOutage),
                  List.copyOf(deployed));
            })
        .recover(
            failure ->
                undeployInReverse(vertx, deployed)
                    .eventually(errors::close)
                    .transform(undeployed -> Future.failedFuture(failure)));
  }

  /**
   * Before the cache serves: floors for the writes of the last floor lifetime, which this node was
   * not there to hear. Without them it could serve an older copy a writer cut off from Redis left
   * there. A failure only loses that (logged): the database answered the migrations a moment ago.
   */
  private static Future<Void> floorsFromOutbox(
      Vertx vertx, AppConfig config, VersionFloors floors) {
    return new Bus(vertx, config.bus())
        .request(ProductsBus.RECENT_WRITES, new ProductsBus.RecentWrites(floors.lifetime()))
        .map(
            writes -> {
              floors.heardAll(writes);
              LOG.debug("Version floors for {} recent writes", writes.writes().size());
              return (Void) null;
            })
        .recover(
            failure -> {
              LOG.warn("Could not read the recent writes' version floors: {}", failure.toString());
              return Future.succeededFuture();
            });
  }

  /** Tasks that run once per period across all instances. */
  private static Map<String, Duration> recurringTasks(AppConfig config) {
    return Map.of(
        ExportCleanup.KIND, config.exports().cleanupInterval(),
        Housekeeping.KIND, config.jobs().housekeepingInterval());
  }

  private static Future<Void> deploy(
      Vertx vertx, List<String> deployed, Supplier<Deployable> verticle, int instances) {
    return vertx
        .deployVerticle(verticle, new DeploymentOptions().setInstances(instances))
        .map(
            id -> {
              deployed.add(id);
              return null;
            });
  }

  /** Deploys each verticle in turn, {@code instances} of each. */
  private static Future<Void> deployEach(
      Vertx vertx, List<String> deployed, List<Supplier<Deployable>> verticles, int instances) {
    Future<Void> chain = Future.succeededFuture();
    for (Supplier<Deployable> verticle : verticles) {
      chain = chain.compose(v -> deploy(vertx, deployed, verticle, instances));
    }
    return chain;
  }

  private static Future<Void> undeployInReverse(Vertx vertx, List<String> deployed) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployed.size() - 1; i >= 0; i--) {
      String id = deployed.get(i);
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain;
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
   * by SHUTDOWN_TIMEOUT), then the other verticles close their clients in reverse order, then the
   * embedded Redis and database stop.
   */
  public Future<Void> stop() {
    lifecycle.markStopping();
    outages.forEach(DependencyOutage::stopping);
    return delay(config.shutdownDelay().toMillis())
        .compose(v -> undeployInReverse(vertx, deployments))
        .eventually(errors::close)
        .eventually(() -> redis.close(vertx))
        .eventually(() -> database.close(vertx));
  }
}
