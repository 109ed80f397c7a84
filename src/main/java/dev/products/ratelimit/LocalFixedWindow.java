package dev.products.ratelimit;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * This instance's own fixed-window counters: the fallback while Redis is unreachable. Each instance
 * then allows up to the full limit on its own, which is looser than the shared counter but never
 * unlimited. Bounded in size; used from one event loop only.
 */
final class LocalFixedWindow {

  private static final int MAX_KEYS = 100_000;

  private final Map<String, Window> windows = new HashMap<>();
  private final LongSupplier clock;

  LocalFixedWindow(LongSupplier clock) {
    this.clock = clock;
  }

  private static final class Window {
    long count;
    final long resetAt;

    Window(long resetAt) {
      this.resetAt = resetAt;
    }
  }

  Decision hit(String key, int limit, long windowMs) {
    long now = clock.getAsLong();
    Window window = windows.get(key);
    if (window == null || window.resetAt <= now) {
      if (windows.size() >= MAX_KEYS) {
        evictExpired();
      }
      window = new Window(now + windowMs);
      if (windows.size() < MAX_KEYS) {
        windows.put(key, window);
      }
    }
    window.count++;
    return Decision.of(window.count, window.resetAt - now, limit, false);
  }

  void evictExpired() {
    long now = clock.getAsLong();
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      if (it.next().resetAt <= now) {
        it.remove();
      }
    }
  }

  int size() {
    return windows.size();
  }
}
