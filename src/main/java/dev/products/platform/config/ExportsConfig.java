package dev.products.platform.config;

import java.time.Duration;

/**
 * Product exports (CSV files under {@code DATA_DIR/exports}).
 *
 * @param maxAge how long a finished export is kept before the clean-up task removes it
 * @param cleanupInterval how often the clean-up task runs (once per period across all instances)
 * @param maxPendingPerUser exports one user may have waiting or running at once
 */
public record ExportsConfig(Duration maxAge, Duration cleanupInterval, int maxPendingPerUser) {

  static ExportsConfig from(ConfigValues values) {
    return new ExportsConfig(
        values.positiveDuration("EXPORT_MAX_AGE"),
        values.positiveDuration("EXPORT_CLEANUP_INTERVAL"),
        values.intBetween("EXPORT_MAX_PENDING_PER_USER", 1, 1000));
  }
}
