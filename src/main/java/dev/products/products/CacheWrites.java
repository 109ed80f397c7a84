package dev.products.products;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What every {@link CacheVerticle} instance of this process must know about writes, whichever
 * instance {@link CacheBus#WRITTEN} was delivered to. Created once per process and shared by the
 * instances, which run on different event loops: hence thread-safe.
 *
 * <ul>
 *   <li><b>Write generations</b>: a load from the repository is shared only with readers that came
 *       before any later write of its id. The instance that takes a write advances the id's
 *       generation before it replies, so a reader that comes after the write's acknowledgement, on
 *       any instance, sees a newer generation than the load in flight and starts its own. Telling
 *       the other instances by a message instead would need the reply to wait for all of them.
 *       Generations are kept in a fixed number of slots (ids hashed onto them), so the memory is
 *       bounded; two ids sharing a slot only cost an extra load, never a stale read.
 *   <li><b>Markers Redis has not taken yet</b>: any instance writes them when Redis answers again,
 *       and until then every instance reads those ids from the repository, not from a Redis that
 *       may still hold the copy the write replaced.
 * </ul>
 */
public final class CacheWrites {

  private static final int SLOTS = 4096;

  private final AtomicLongArray generations = new AtomicLongArray(SLOTS);
  private final ConcurrentHashMap<Long, Integer> pendingMarkers = new ConcurrentHashMap<>();

  /** The generation a load of {@code id} begun now belongs to. */
  long generation(long id) {
    return generations.get(slot(id));
  }

  /** A write of {@code id} committed: loads begun before it are no longer shared. */
  void written(long id) {
    generations.incrementAndGet(slot(id));
  }

  /** Redis did not take the marker of {@code version}: keep the newest one to write later. */
  void markerPending(long id, int version) {
    pendingMarkers.merge(id, version, Math::max);
  }

  /** True while a marker for {@code id} waits for Redis: its cached copy may be older. */
  boolean markerPending(long id) {
    return !pendingMarkers.isEmpty() && pendingMarkers.containsKey(id);
  }

  /**
   * A copy of the markers still to write. An entry stays pending until {@link #markerWritten}:
   * reads of its id skip Redis until the marker is really there. Instances draining at the same
   * moment may write one marker twice, which Redis ignores (a marker never replaces one as new).
   */
  Map<Long, Integer> pendingMarkers() {
    return pendingMarkers.isEmpty() ? Map.of() : new HashMap<>(pendingMarkers);
  }

  /**
   * Redis holds a marker of {@code version} for {@code id}: a pending one as old is done with, a
   * newer one that arrived meanwhile stays pending.
   */
  void markerWritten(long id, int version) {
    if (!pendingMarkers.isEmpty()) {
      pendingMarkers.computeIfPresent(id, (key, pending) -> pending <= version ? null : pending);
    }
  }

  private static int slot(long id) {
    return (int) Math.floorMod(id ^ (id >>> 32), (long) SLOTS);
  }
}
