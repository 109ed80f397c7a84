package dev.products.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before retry number {@code attempt}: base × 2^(attempt-1), capped, then "full jitter" (a
 * random point between half and all of it), so jobs that failed together do not retry together.
 */
final class Backoff {

  private Backoff() {}

  static long delayMillis(int attempt, Duration base, Duration max) {
    long exponential = base.toMillis() << Math.min(30, Math.max(0, attempt - 1));
    long capped = Math.min(max.toMillis(), exponential < 0 ? Long.MAX_VALUE : exponential);
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }
}
