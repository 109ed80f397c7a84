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
    int doublings = Math.min(30, Math.max(0, attempt - 1));
    long baseMillis = base.toMillis();
    // A shift that carries bits out of a long can land on any value, 0 or positive included.
    long exponential =
        baseMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : baseMillis << doublings;
    long capped = Math.min(max.toMillis(), exponential);
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }
}
