package dev.products.products;

import dev.products.platform.bus.BusFailure;

/**
 * The product cache, answered by the cache verticle (local consumers). Reads go through it; every
 * committed write of a product tells it, before the HTTP reply goes out.
 */
public final class CacheBus {

  /**
   * {@code {"id"}} → the product, from Redis when a current entry is there, else from the
   * repository (then stored); {@link BusFailure#NOT_FOUND} as {@link ProductsBus#GET}. Never fails
   * because of Redis.
   */
  public static final String PRODUCT = "cache.products.get";

  /**
   * {@code {"id", "version"}} → {@code {}} once the entry is replaced by a marker that refuses any
   * copy older than {@code version} (use {@link #DELETED} after a delete). Fails {@link
   * BusFailure#UNAVAILABLE} if Redis did not take it; the verticle retries it when Redis is back.
   */
  public static final String WRITTEN = "cache.products.written";

  /** The version a deleted product's marker carries: no copy is ever newer. */
  public static final int DELETED = Integer.MAX_VALUE;

  private CacheBus() {}
}
