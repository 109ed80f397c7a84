package dev.products.platform.config;

import java.time.Duration;

/**
 * Request budgets per window; a limit of 0 is off.
 *
 * @param resetPerAccount password-reset requests per address per {@code resetWindow}
 */
public record RateLimitConfig(
    Duration window,
    int loginPerAccount,
    int loginPerIp,
    int perIp,
    int resetPerAccount,
    Duration resetWindow) {

  static RateLimitConfig from(ConfigValues values) {
    Duration window = values.positiveDuration("RATE_LIMIT_WINDOW");
    return new RateLimitConfig(
        window,
        values.intBetween("RATE_LIMIT_LOGIN_PER_ACCOUNT", 0, 1_000_000),
        values.intBetween("RATE_LIMIT_LOGIN_PER_IP", 0, 1_000_000),
        values.intBetween("RATE_LIMIT_PER_IP", 0, 100_000_000),
        values.intBetween("RATE_LIMIT_RESET_PER_ACCOUNT", 0, 1_000_000),
        values.positiveDuration("RATE_LIMIT_RESET_WINDOW"));
  }
}
