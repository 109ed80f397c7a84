package dev.products.ratelimit;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * This process's own fixed-window counters: the fallback while Redis is unreachable. Each node then
 * allows up to the full limit on its own, which is looser than the shared counter but never
 * unlimited. Bounded in size.
 *
 * <p>One object per process, shared by every {@link RateLimitVerticle} instance (one per HTTP event
 * loop), so a node's fallback limit does not grow with its cores. Hence thread-safe: every method
 * holds the object's lock. It is taken only while Redis is down, for a map lookup and an increment;
 * a lock-free map would not make the eviction and the overflow window any simpler.
 */
public final class LocalFixedWindow {

  private static final int MAX_KEYS = 100_000;

  private final Map<String, Window> windows = new HashMap<>();
  private final LongSupplier clock;

  /**
   * The one window shared by every key that arrives while the map is full of live windows: a flood
   * of new keys is then limited together instead of each new key going uncounted.
   */
  private @Nullable Window overflow;

  /**
   * @param clock milliseconds, e.g. {@code System::currentTimeMillis}
   */
  public LocalFixedWindow(LongSupplier clock) {
    this.clock = clock;
  }

  private static final class Window {
    long count;
    final long resetAt;

    Window(long resetAt) {
      this.resetAt = resetAt;
    }
  }

  synchronized Decision hit(String key, int limit, long windowMs) {
    long now = clock.getAsLong();
    Window window = windows.get(key);
    if (window == null || window.resetAt <= now) {
      if (windows.size() >= MAX_KEYS) {
        evictExpired();
      }
      if (windows.size() < MAX_KEYS) {
        window = new Window(now + windowMs);
        windows.put(key, window);
      } else {
        window = overflow(now, windowMs);
      }
    }
    window.count++;
    return Decision.of(window.count, window.resetAt - now, limit, false);
  }

  private Window overflow(long now, long windowMs) {
    Window shared = overflow;
    if (shared == null || shared.resetAt <= now) {
      shared = new Window(now + windowMs);
      overflow = shared;
    }
    return shared;
  }

  synchronized void evictExpired() {
    long now = clock.getAsLong();
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      if (it.next().resetAt <= now) {
        it.remove();
      }
    }
  }

  synchronized int size() {
    return windows.size();
  }
}
