package dev.products.live;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Open live sockets per user on this instance, shared by all its HTTP verticles (each runs on its
 * own event loop, hence the concurrent map), so the per-user limit holds for the instance.
 */
public final class LiveConnections {

  private final ConcurrentMap<Long, Integer> open = new ConcurrentHashMap<>();

  /** Returns false, taking nothing, when the user already has {@code max} sockets open. */
  boolean tryOpen(long userId, int max) {
    boolean[] taken = {false};
    open.compute(
        userId,
        (id, count) -> {
          int current = count == null ? 0 : count;
          if (current >= max) {
            return count;
          }
          taken[0] = true;
          return current + 1;
        });
    return taken[0];
  }

  void closed(long userId) {
    open.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
  }
}
