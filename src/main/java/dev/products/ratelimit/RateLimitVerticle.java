package dev.products.ratelimit;

import dev.products.http.health.HealthBus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.config.RedisConfig;
import dev.products.platform.config.RedisUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.redis.RedisEndpoint;
import dev.products.platform.redis.RedisOutage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
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
      RedisUrl url, RedisConfig config, LocalFixedWindow fallback, DependencyOutage redisOutage) {
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
    return Future.all(
        vertx.eventBus().<JsonObject>localConsumer(RateLimitBus.HIT, this::hit).completion(),
        vertx.eventBus().<JsonObject>localConsumer(HealthBus.REDIS, this::health).completion());
  }

  private void hit(Message<JsonObject> message) {
    JsonObject body = message.body();
    String key = body.getString("key");
    Integer limit = body.getInteger("limit");
    Long windowMs = body.getLong("window_ms");
    if (key == null || limit == null || limit < 1 || windowMs == null || windowMs < 1) {
      BusFailure.INVALID.replyTo(message, "key, limit >= 1 and window_ms >= 1 are required");
      return;
    }
    Future<Decision> decided =
        outage.skipping()
            ? Future.succeededFuture(local.hit(key, limit, windowMs))
            : shared
                .hit(key, limit, windowMs)
                .onSuccess(d -> redisAnswered())
                .recover(
                    failure -> {
                      redisFailed(failure);
                      return Future.succeededFuture(local.hit(key, limit, windowMs));
                    });
    decided.onSuccess(decision -> message.reply(decision.toJson(), LocalJsonCodec.options()));
  }

  private void health(Message<JsonObject> message) {
    shared
        .ping()
        .onSuccess(
            v -> {
              redisAnswered();
              message.reply(new JsonObject());
            })
        .onFailure(
            failure -> {
              redisFailed(failure);
              BusFailure.UNAVAILABLE.replyTo(
                  message, "Redis at " + url.display() + " does not answer: " + reason(failure));
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
