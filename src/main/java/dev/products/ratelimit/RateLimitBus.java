package dev.products.ratelimit;

import dev.products.platform.bus.Address;

/**
 * Rate-limit counters, answered by the rate-limit verticle (local consumer). Counters live in
 * Redis, so every instance counts against the same budget.
 */
public final class RateLimitBus {

  /** Counts one hit on a key and says whether it is within the limit. */
  public static final Address<Hit, Decision> HIT = Address.of("ratelimit.hit");

  private RateLimitBus() {}

  /**
   * One hit.
   *
   * @param limit hits allowed per window, at least 1
   * @param windowMs the window, at least 1 ms
   */
  public record Hit(String key, int limit, long windowMs) {

    public Hit {
      if (limit < 1 || windowMs < 1) {
        throw new IllegalArgumentException("limit and windowMs must be at least 1");
      }
    }
  }
}
