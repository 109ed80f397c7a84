package dev.products.ratelimit;

/**
 * Rate-limit counters, answered by the rate-limit verticle (local consumer). Counters live in
 * Redis, so every instance counts against the same budget.
 */
public final class RateLimitBus {

  /**
   * Counts one hit on a key. Request {@code {"key", "limit", "window_ms"}}; reply {@code
   * {"allowed", "limit", "remaining", "reset_ms", "shared"}}, where {@code shared} is false when
   * Redis was unreachable and the instance's own fallback counter decided.
   */
  public static final String HIT = "ratelimit.hit";

  private RateLimitBus() {}
}
