package dev.products.platform.redis;

/**
 * What a Redis user on one event loop knows about Redis being down: after a failure, Redis is left
 * alone for a moment instead of being asked (and timing out) on every request. Reporting the outage
 * is {@link dev.products.platform.logging.DependencyOutage}'s, shared by all Redis users. Not
 * thread-safe: owned by one verticle instance.
 */
public final class RedisOutage {

  private static final long RETRY_AFTER_MS = 1_000;

  private long skipUntil;

  /** True while Redis should not be asked. */
  public boolean skipping() {
    return System.currentTimeMillis() < skipUntil;
  }

  public void failed() {
    skipUntil = System.currentTimeMillis() + RETRY_AFTER_MS;
  }

  public void answered() {
    skipUntil = 0;
  }
}
