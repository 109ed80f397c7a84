package dev.products.products;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest version of each product this process has heard committed on any node (the product
 * events cross the cluster without Redis), so no cached copy older than that is served here, even
 * when the writer could not reach Redis to leave its marker (a partition between one node and
 * Redis) or Redis came back with copies saved before the write. One per process, shared by the
 * cache verticle's instances on their event loops: hence thread-safe.
 *
 * <p>A floor lasts as long as a stale copy could: {@code CACHE_TTL} after the last copy older than
 * the write could have been stored (a load that began before the write may store it up to a bus
 * timeout later), plus a margin. Memory is bounded: past {@code capacity} floors, every cached copy
 * is distrusted for that long instead of forgetting one (reads go to the repository: slower, never
 * stale).
 */
public final class VersionFloors {

  private record Floor(int version, long untilNanos) {}

  private final ConcurrentHashMap<Long, Floor> floors = new ConcurrentHashMap<>();
  private final long lifetimeNanos;
  private final int capacity;
  private volatile long distrustAllUntilNanos = System.nanoTime();

  /**
   * Floors that last {@code lifetime}, at most {@code capacity} of them.
   *
   * @param lifetime how long a stale copy may live in Redis after the write (CACHE_TTL plus the
   *     longest a load may take)
   */
  public VersionFloors(Duration lifetime, int capacity) {
    this.lifetimeNanos = lifetime.toNanos();
    this.capacity = capacity;
  }

  /** How long a floor lasts. */
  public Duration lifetime() {
    return Duration.ofNanos(lifetimeNanos);
  }

  /**
   * Floors for the writes recorded before this node could hear them (it was not running, or not a
   * member): a write whose marker Redis did not take would otherwise leave an older copy there for
   * this node to serve.
   */
  public void heardAll(ProductsBus.Writes writes) {
    writes.writes().forEach(write -> heard(write.id(), write.version()));
  }

  /** A write of {@code id} at {@code version} committed (a delete: {@link CacheBus#DELETED}). */
  void heard(long id, int version) {
    long until = System.nanoTime() + lifetimeNanos;
    if (floors.size() >= capacity && !floors.containsKey(id)) {
      sweep();
      if (floors.size() >= capacity) {
        distrustAllUntilNanos = until;
        return;
      }
    }
    floors.merge(
        id,
        new Floor(version, until),
        (known, heard) -> new Floor(Math.max(known.version(), heard.version()), until));
  }

  /** True when a cached copy of {@code id} at {@code version} is older than a write heard. */
  boolean refuses(long id, int version) {
    long now = System.nanoTime();
    if (now - distrustAllUntilNanos < 0) {
      return true;
    }
    if (floors.isEmpty()) {
      return false;
    }
    Floor floor = floors.get(id);
    return floor != null && floor.version() > version && now - floor.untilNanos() < 0;
  }

  /** Forgets floors that outlived every copy they guard against. */
  void sweep() {
    long now = System.nanoTime();
    floors.values().removeIf(floor -> now - floor.untilNanos() >= 0);
  }

  int size() {
    return floors.size();
  }
}
