package dev.products.ratelimit;

import dev.products.http.health.HealthBus;
import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.bus.BusFailureException;
import dev.products.platform.config.BusConfig;
import dev.products.platform.config.RedisConfig;
import dev.products.platform.config.RedisUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.redis.RedisEndpoint;
import dev.products.platform.redis.RedisOutage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@link RateLimitBus#HIT} with counters in Redis, so the budget is shared by every
 * instance. When Redis fails or is slow, the hit is counted by this node's own fallback counter
 * instead and the request goes on: a Redis outage must not take the API down with it. After a
 * failure Redis is left alone for a moment instead of being retried on every hit; the readiness
 * probe ({@link HealthBus#REDIS}) keeps asking and notices when it is back.
 *
 * <p>Deployed as many times as the HTTP verticle, so limiting scales with the event loops. Each
 * instance has its own Redis client, whose connections then live on its event loop (a client shared
 * by the instances would hand one loop's connections to the others). The fallback counter is one
 * per process, shared by the instances, so the limit while Redis is down is the configured one, not
 * that many times it.
 */
public final class RateLimitVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitVerticle.class);
  private static final long LOCAL_SWEEP_MS = 60_000;

  private final RedisUrl url;
  private final BusConfig busConfig;
  private final RedisConfig config;
  private Redis redis;
  private RedisFixedWindow shared;
  private final LocalFixedWindow local;
  private final RedisOutage outage = new RedisOutage();
  private final DependencyOutage redisOutage;

  /**
   * @param fallback the counters used while Redis is down: one per process, shared by the instances
   * @param redisOutage Redis's outage reporting, shared with the cache
   */
  public RateLimitVerticle(
      RedisUrl url,
      RedisConfig config,
      LocalFixedWindow fallback,
      DependencyOutage redisOutage,
      BusConfig busConfig) {
    this.busConfig = busConfig;
    this.url = url;
    this.config = config;
    this.local = fallback;
    this.redisOutage = redisOutage;
  }

  @Override
  public Future<?> start() {
    redis = RedisEndpoint.client(vertx, url, "ratelimit-redis", 8);
    shared = new RedisFixedWindow(redis, config.keyPrefix(), config.timeout());
    vertx.setPeriodic(LOCAL_SWEEP_MS, id -> local.evictExpired());
    Bus bus = new Bus(vertx, busConfig);
    return Future.all(
        bus.answer(RateLimitBus.HIT, this::hit).completion(),
        bus.answer(HealthBus.REDIS, this::health).completion());
  }

  private Future<Decision> hit(RateLimitBus.Hit hit) {
    String key = hit.key();
    int limit = hit.limit();
    long windowMs = hit.windowMs();
    return outage.skipping()
        ? Future.succeededFuture(local.hit(key, limit, windowMs))
        : shared
            .hit(key, limit, windowMs)
            .onSuccess(d -> redisAnswered())
            .recover(
                failure -> {
                  redisFailed(failure);
                  return Future.succeededFuture(local.hit(key, limit, windowMs));
                });
  }

  private Future<Void> health(HealthBus.Probe probe) {
    return shared
        .ping()
        .onSuccess(v -> redisAnswered())
        .recover(
            failure -> {
              redisFailed(failure);
              return Future.failedFuture(
                  new BusFailureException(
                      BusFailure.UNAVAILABLE,
                      "Redis at " + url.display() + " does not answer: " + reason(failure)));
            });
  }

  private void redisAnswered() {
    outage.answered();
    redisOutage.answered();
  }

  private void redisFailed(Throwable failure) {
    outage.failed();
    redisOutage.failed(failure);
    LOG.debug("A rate limit hit fell back to this instance's counter: {}", failure.toString());
  }

  private static String reason(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
