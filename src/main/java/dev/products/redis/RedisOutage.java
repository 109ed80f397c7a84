package dev.products.redis;

/**
 * What a Redis user on one event loop knows about Redis being down: after a failure, Redis is left
 * alone for a moment instead of being asked (and timing out) on every request; the first failure
 * and the first answer after it are reported once, so an outage logs two lines, not one per
 * request. Not thread-safe: owned by one verticle instance.
 */
public final class RedisOutage {

  private static final long RETRY_AFTER_MS = 1_000;

  private long skipUntil;
  private boolean down;

  /** True while Redis should not be asked. */
  public boolean skipping() {
    return System.currentTimeMillis() < skipUntil;
  }

  /** Returns true when this failure starts an outage. */
  public boolean failed() {
    skipUntil = System.currentTimeMillis() + RETRY_AFTER_MS;
    boolean started = !down;
    down = true;
    return started;
  }

  /** Returns true when this answer ends an outage. */
  public boolean answered() {
    skipUntil = 0;
    boolean ended = down;
    down = false;
    return ended;
  }
}
