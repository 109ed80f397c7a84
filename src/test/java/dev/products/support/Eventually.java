package dev.products.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: waiting on the condition, not on the
 * clock.
 */
public final class Eventually {

  private Eventually() {}

  public static <T> T eventually(Duration within, Supplier<T> probe, Predicate<T> condition) {
    long deadline = System.nanoTime() + within.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        if (condition.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    AssertionError failure =
        new AssertionError("condition not met within " + within + "; last value: " + last);
    if (lastError != null) {
      failure.addSuppressed(lastError);
    }
    throw failure;
  }
}
