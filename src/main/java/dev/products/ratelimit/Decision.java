package dev.products.ratelimit;

/**
 * The answer to one hit: whether it is within the limit, what is left of the window, and whether
 * the shared counter (Redis) or this instance's fallback counter decided.
 */
public record Decision(boolean allowed, int limit, long remaining, long resetMs, boolean shared) {

  static Decision of(long count, long resetMs, int limit, boolean shared) {
    return new Decision(
        count <= limit, limit, Math.max(0, limit - count), Math.max(0, resetMs), shared);
  }
}
