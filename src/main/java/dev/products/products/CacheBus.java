package dev.products.products;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.BusFailure;

/**
 * The product cache, answered by the cache verticle (local consumers). Reads go through it; the
 * products store tells it of every committed write before anyone hears of the write.
 */
public final class CacheBus {

  /**
   * The product, from Redis when a current entry is there, else from the products store (then
   * stored); {@link BusFailure#NOT_FOUND} as {@link ProductsBus#GET}. Never fails because of Redis.
   */
  public static final Address<ProductsBus.ById, Product> PRODUCT = Address.of("cache.products.get");

  /**
   * Replaces the entry by a marker that refuses any copy older than the version (use {@link
   * #DELETED} after a delete). Fails {@link BusFailure#UNAVAILABLE} if Redis did not take it; the
   * verticle retries it when Redis is back.
   */
  public static final Address<Written, Void> WRITTEN = Address.of("cache.products.written");

  /**
   * The one address a node's cache takes floors on from the other nodes' writers, cluster-wide
   * (JSON {@code {"id", "version"}}, answered once the floor is in place): a writer whose marker
   * Redis did not take asks each member before it replies, so none serves the copy it replaced.
   */
  public static String floorAddress(String nodeId) {
    return "cache.products.floor." + nodeId;
  }

  /** The version a deleted product's marker carries: no copy is ever newer. */
  public static final int DELETED = Integer.MAX_VALUE;

  private CacheBus() {}

  /** A committed write of one product, at this version. */
  public record Written(long id, int version) {}
}
