package dev.products.ratelimit;

import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.metrics.BusinessMetrics;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Duration;

/**
 * The HTTP side of rate limiting: asks the rate-limit verticle (Redis-backed, shared by every
 * instance) for a hit on a key, writes the {@code RateLimit-*} headers, and refuses with 429 and
 * {@code Retry-After} when the budget is spent.
 */
public final class RateLimits {

  private static final long BUS_TIMEOUT_MS = 2_000;

  private final EventBus eventBus;
  private final long windowMs;
  private final BusinessMetrics metrics;

  public RateLimits(EventBus eventBus, Duration window, BusinessMetrics metrics) {
    this.eventBus = eventBus;
    this.windowMs = window.toMillis();
    this.metrics = metrics;
  }

  /**
   * Counts a hit of {@code subject} against the limit named {@code limitName}. Succeeds when it is
   * within {@code limit}; otherwise fails the future with a 429. A limit of 0 is off.
   */
  public Future<Void> hit(RoutingContext rc, String limitName, String subject, int limit) {
    if (limit <= 0) {
      return Future.succeededFuture();
    }
    JsonObject request =
        new JsonObject()
            .put("key", limitName + ":" + subject)
            .put("limit", limit)
            .put("window_ms", windowMs);
    return eventBus
        .<JsonObject>request(
            RateLimitBus.HIT, request, LocalJsonCodec.options().setSendTimeout(BUS_TIMEOUT_MS))
        .map(Message::body)
        .recover(
            unanswered ->
                Future.failedFuture(
                    new HttpException(503, "rate limits cannot be checked right now")))
        .compose(
            decision -> {
              long resetSeconds = Math.max(1, (decision.getLong("reset_ms") + 999) / 1000);
              var headers = rc.response().headers();
              headers.set("RateLimit-Limit", String.valueOf(decision.getInteger("limit")));
              headers.set("RateLimit-Remaining", String.valueOf(decision.getInteger("remaining")));
              headers.set("RateLimit-Reset", String.valueOf(resetSeconds));
              if (decision.getBoolean("allowed")) {
                return Future.succeededFuture();
              }
              headers.set("Retry-After", String.valueOf(resetSeconds));
              metrics.rateLimitRefusal(limitName);
              return Future.failedFuture(
                  new HttpException(429, "too many requests; retry in " + resetSeconds + " s"));
            });
  }
}
