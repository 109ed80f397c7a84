package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The versioned entries in a real Redis: a copy older than the last committed write never gets in.
 */
@ExtendWith(VertxExtension.class)
class ProductCacheTest {

  private Redis redis;
  private ProductCache cache;

  @BeforeEach
  void connect(Vertx vertx) {
    redis = Redis.createClient(vertx, TestRedis.url().connectionString());
    cache =
        new ProductCache(
            redis, TestRedis.uniquePrefix(), Duration.ofMinutes(1), Duration.ofSeconds(2));
  }

  @AfterEach
  void close() {
    redis.close().await();
  }

  private static Product product(int version) {
    return new Product(
        7,
        "v" + version,
        null,
        100,
        1,
        null,
        3L,
        version,
        "2026-12-03T10:00:00Z",
        "2026-12-03T10:00:00Z");
  }

  @Test
  void aStoredProductIsReadBack() {
    cache.put(product(1)).await();

    assertThat(cache.get(7).await()).isEqualTo(product(1));
  }

  @Test
  void aWriteMarkerHidesTheEntryAndRefusesOlderCopies() {
    cache.put(product(1)).await();

    cache.markWritten(7, 2).await();
    assertThat(cache.get(7).await()).isNull();

    cache.put(product(1)).await();
    assertThat(cache.get(7).await()).as("the copy a slow reader loaded before the write").isNull();

    cache.put(product(2)).await();
    assertThat(cache.get(7).await()).isEqualTo(product(2));
  }

  @Test
  void anOlderMarkerNeverReplacesANewerOne() {
    cache.markWritten(7, 5).await();
    cache.markWritten(7, 3).await();

    cache.put(product(4)).await();

    assertThat(cache.get(7).await()).isNull();
  }

  @Test
  void afterADeleteNoCopyGetsBackIn() {
    cache.put(product(3)).await();
    cache.markWritten(7, CacheBus.DELETED).await();

    cache.put(product(3)).await();

    assertThat(cache.get(7).await()).isNull();
  }
}
