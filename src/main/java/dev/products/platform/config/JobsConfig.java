package dev.products.platform.config;

import java.time.Duration;

/**
 * The job workers of one instance.
 *
 * @param concurrency jobs this instance runs at once
 * @param pollInterval how often workers look for due work without being woken (NOTIFY is the fast
 *     path)
 * @param lease how long a claimed job is this instance's; renewed while it runs
 * @param maxAttempts attempts before a job is dead
 * @param backoffBase the first retry's delay; each next one doubles, with jitter, up to backoffMax
 * @param housekeepingInterval how often expired idempotency keys and tokens are deleted
 */
public record JobsConfig(
    int concurrency,
    Duration pollInterval,
    Duration lease,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration housekeepingInterval) {

  static JobsConfig from(ConfigValues values) {
    JobsConfig config =
        new JobsConfig(
            values.intBetween("JOB_CONCURRENCY", 0, 1000),
            values.positiveDuration("JOB_POLL_INTERVAL"),
            values.duration("JOB_LEASE"),
            values.intBetween("JOB_MAX_ATTEMPTS", 1, 100),
            values.duration("JOB_BACKOFF_BASE"),
            values.duration("JOB_BACKOFF_MAX"),
            values.positiveDuration("HOUSEKEEPING_INTERVAL"));
    if (config.lease.toMillis() < 1000) {
      throw new ConfigException("JOB_LEASE", "must be at least 1s");
    }
    return config;
  }
}
