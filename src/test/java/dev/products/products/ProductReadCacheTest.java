package dev.products.products;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestBus;
import dev.products.support.TestDatabase;
import dev.products.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /products/{id} through the Redis cache, on the running service. */
@ExtendWith(VertxExtension.class)
class ProductReadCacheTest {

  private final String prefix = TestRedis.uniquePrefix();

  private TestApp app;
  private HttpClientSupport user;
  private Redis redis;

  @BeforeEach
  void start(Vertx vertx) {

    app = TestApp.start(vertx, new JsonObject().put("REDIS_KEY_PREFIX", prefix));
    user = Accounts.newUser(app.http());
    redis = Redis.createClient(vertx, TestRedis.url().connectionString());
  }

  @AfterEach
  void stop() {
    redis.close().await();
    app.close();
  }

  private String entry(long id) {
    Response value = redis.send(Request.cmd(Command.GET).arg(prefix + "product:" + id)).await();
    return value == null ? null : value.toString();
  }

  private double metric(String series) {
    return app.http()
        .get("/metrics")
        .text()
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private long created() {
    return user.postJson("/products", Products.valid("Cached")).json().getLong("id");
  }

  @Test
  void aMissStoresTheProductAndTheNextReadIsAHit() {
    long id = created();
    double hits = metric("cache_requests_total{result=\"hit\"}");

    assertThat(app.http().get("/products/" + id).status()).isEqualTo(200);
    // Stored after the answer went out.
    assertThat(eventually(Duration.ofSeconds(5), () -> entry(id), value -> value != null))
        .startsWith("1:")
        .contains("\"name\":\"Cached\"");
    assertThat(app.http().get("/products/" + id).json().getString("name")).isEqualTo("Cached");

    assertThat(metric("cache_requests_total{result=\"hit\"}")).isEqualTo(hits + 1);
  }

  @Test
  void aPatchIsReadBackAtOnceAndReplacesTheEntry() {
    long id = created();
    app.http().get("/products/" + id);

    eventually(
        Duration.ofSeconds(5), () -> entry(id), value -> value != null && value.startsWith("1:"));

    user.patchJson("/products/" + id, new JsonObject().put("name", "Renamed"));

    assertThat(entry(id)).isEqualTo("!2");
    JsonObject read = app.http().get("/products/" + id).json();
    assertThat(read.getString("name")).isEqualTo("Renamed");
    assertThat(read.getInteger("version")).isEqualTo(2);
    eventually(Duration.ofSeconds(5), () -> entry(id), value -> value.startsWith("2:"));
  }

  @Test
  void theProductsStoreMakesTheCacheCoherentBeforeItRepliesToAnyWriter(Vertx vertx) {
    long id = created();
    app.http().get("/products/" + id);
    eventually(
        Duration.ofSeconds(5), () -> entry(id), value -> value != null && value.startsWith("1:"));
    long userId = user.get("/users/me").json().getLong("id");

    // A writer on the bus, not the HTTP handler: the store alone must keep the cache coherent.
    TestBus.on(vertx)
        .request(
            ProductsBus.UPDATE,
            new ProductsBus.Update(
                id,
                ProductsBus.Changes.fromJson(new JsonObject().put("name", "Renamed on the bus")),
                new Actor(userId, "user"),
                null))
        .await();

    assertThat(entry(id)).isEqualTo("!2");
    assertThat(app.http().get("/products/" + id).json().getString("name"))
        .isEqualTo("Renamed on the bus");
  }

  @Test
  void aDeleteIsNeverServedFromTheCache() {
    long id = created();
    app.http().get("/products/" + id);

    user.delete("/products/" + id);

    assertThat(app.http().get("/products/" + id).status()).isEqualTo(404);
    assertThat(entry(id)).startsWith("!");
  }

  @Test
  void aWriteOnOneInstanceIsNeverServedStaleByAnother() {
    // Its own Vert.x, so its own event bus and cache verticle: a second instance, sharing only
    // Redis and PostgreSQL.
    Vertx own = Vertx.vertx();
    try (TestApp other =
        TestApp.start(
            own,
            new JsonObject()
                .put("REDIS_KEY_PREFIX", prefix)
                .put("HTTP_PORT", TestApp.freePort()))) {
      long id = created();
      assertThat(other.http().get("/products/" + id).json().getInteger("version")).isEqualTo(1);

      user.patchJson("/products/" + id, new JsonObject().put("stock", 77));

      JsonObject read = other.http().get("/products/" + id).json();
      assertThat(read.getInteger("stock")).isEqualTo(77);
      assertThat(read.getInteger("version")).isEqualTo(2);
    } finally {
      own.close().await();
    }
  }

  /**
   * Misses are coalesced per cache instance (one per HTTP instance, each on its own event loop): a
   * burst of readers makes at most one database read per instance, not one per reader.
   */
  @Test
  void concurrentMissesForOneProductMakeOneDatabaseReadPerCacheInstance() throws Exception {
    long id = created();
    double loads = metric("cache_loads_total");
    int readers = 10;
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try (Connection connection =
            DriverManager.getConnection(
                TestDatabase.url().jdbcUrl(),
                TestDatabase.url().user(),
                TestDatabase.url().password());
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      // Holds every read of the table until all the readers are waiting on the same load.
      statement.execute("LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < readers; i++) {
        statuses.add(pool.submit(() -> app.http().get("/products/" + id).status()));
      }
      eventually(
          Duration.ofSeconds(10),
          () -> metric("cache_requests_total{result=\"miss\"}"),
          misses -> misses >= readers);
      connection.commit();

      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(200);
      }
      assertThat(metric("cache_loads_total"))
          .isBetween(loads + 1, loads + app.app().config().effectiveHttpInstances());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void entriesExpireAfterTheTtl() {
    String shortLived = TestRedis.uniquePrefix();
    // A Vert.x of its own: two apps on one event bus would share each other's cache verticles.
    Vertx own = Vertx.vertx();
    try (TestApp quick =
        TestApp.start(
            own,
            new JsonObject()
                .put("REDIS_KEY_PREFIX", shortLived)
                .put("HTTP_PORT", TestApp.freePort())
                .put("CACHE_TTL", "1s"))) {
      long id = created();
      quick.http().get("/products/" + id);
      String key = shortLived + "product:" + id;
      eventually(
          Duration.ofSeconds(5),
          () -> redis.send(Request.cmd(Command.EXISTS).arg(key)).await().toInteger(),
          exists -> exists == 1);

      eventually(
          Duration.ofSeconds(5),
          () -> redis.send(Request.cmd(Command.EXISTS).arg(key)).await().toInteger(),
          exists -> exists == 0);
    } finally {
      own.close().await();
    }
  }
}
