package dev.products.ratelimit;

import dev.products.platform.bus.Bus;
import dev.products.platform.metrics.BusinessMetrics;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Duration;

/**
 * The HTTP side of rate limiting: asks the rate-limit verticle (Redis-backed, shared by every
 * instance) for a hit on a key, writes the {@code RateLimit-*} headers, and refuses with 429 and
 * {@code Retry-After} when the budget is spent.
 */
public final class RateLimits {

  private final Bus bus;
  private final long windowMs;
  private final BusinessMetrics metrics;

  public RateLimits(Bus bus, Duration window, BusinessMetrics metrics) {
    this.bus = bus;
    this.windowMs = window.toMillis();
    this.metrics = metrics;
  }

  /**
   * Counts a hit of {@code subject} against the limit named {@code limitName}. Succeeds when it is
   * within {@code limit}; otherwise fails the future with a 429. A limit of 0 is off.
   */
  public Future<Void> hit(RoutingContext rc, String limitName, String subject, int limit) {
    return hit(rc, limitName, subject, limit, windowMs);
  }

  /** {@link #hit(RoutingContext, String, String, int)} counted over a window of its own. */
  public Future<Void> hit(
      RoutingContext rc, String limitName, String subject, int limit, Duration window) {
    return hit(rc, limitName, subject, limit, window.toMillis());
  }

  private Future<Void> hit(
      RoutingContext rc, String limitName, String subject, int limit, long windowMs) {
    if (limit <= 0) {
      return Future.succeededFuture();
    }
    return bus.request(
            RateLimitBus.HIT, new RateLimitBus.Hit(limitName + ":" + subject, limit, windowMs))
        .recover(
            unanswered ->
                Future.failedFuture(
                    new HttpException(503, "rate limits cannot be checked right now")))
        .compose(
            decision -> {
              long resetSeconds = Math.max(1, (decision.resetMs() + 999) / 1000);
              var headers = rc.response().headers();
              headers.set("RateLimit-Limit", String.valueOf(decision.limit()));
              headers.set("RateLimit-Remaining", String.valueOf(decision.remaining()));
              headers.set("RateLimit-Reset", String.valueOf(resetSeconds));
              if (decision.allowed()) {
                return Future.succeededFuture();
              }
              headers.set("Retry-After", String.valueOf(resetSeconds));
              metrics.rateLimitRefusal(limitName);
              return Future.failedFuture(
                  new HttpException(429, "too many requests; retry in " + resetSeconds + " s"));
            });
  }
}
