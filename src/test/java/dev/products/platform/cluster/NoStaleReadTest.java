package dev.products.platform.cluster;

import static dev.products.support.Eventually.eventually;
import static dev.products.support.Readiness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.RedisUrl;
import dev.products.platform.redis.EmbeddedRedisServer;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TcpProxy;
import dev.products.support.TestApp;
import dev.products.support.TestCluster;
import dev.products.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No node serves a product older than an acknowledged write when only part of the system fails: two
 * nodes of a real cluster share one Redis, node A through a proxy the test cuts (a partition
 * between A and Redis, B unaffected), and the Redis is also stopped and started again from its
 * saved data.
 */
class NoStaleReadTest {

  private static final int READS = 20;

  private static Vertx tools;
  private static EmbeddedRedisServer redis;
  private static TcpProxy partition;
  private static TestCluster cluster;
  private static HttpClientSupport writerOnA;
  private static HttpClientSupport readerOnB;

  @BeforeAll
  static void start() {
    tools = Vertx.vertx();
    redis = TestRedis.startDedicated();
    partition = TcpProxy.start(tools, "127.0.0.1", redis.port());
    cluster =
        TestCluster.start(
            2,
            new JsonObject().put("REDIS_URL", redis.url().connectionString()),
            node ->
                node == 0
                    ? new JsonObject()
                        .put("REDIS_URL", RedisUrl.local(partition.port()).connectionString())
                    : new JsonObject());
    String email = Accounts.uniqueEmail();
    Accounts.register(cluster.app(0).http(), email);
    String token =
        Accounts.login(cluster.app(0).http(), email, Accounts.PASSWORD).getString("access_token");
    writerOnA = cluster.app(0).http().as(token);
    readerOnB = cluster.app(1).http();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    partition.close();
    redis.close();
    tools.close().await();
  }

  /** A product B has read, so Redis holds its first version. */
  private static long cachedOnB(String name) {
    long id = writerOnA.postJson("/products", Products.valid(name)).json().getLong("id");
    assertThat(readerOnB.get("/products/" + id).json().getInteger("version")).isEqualTo(1);
    assertThat(readerOnB.get("/products/" + id).json().getInteger("version")).isEqualTo(1);
    return id;
  }

  /** From the acknowledgement on, every read on B is the write's: not one older copy. */
  private static void assertEveryReadOnBIs(long id, int status, int version) {
    for (int i = 0; i < READS; i++) {
      Reply read = readerOnB.get("/products/" + id);
      assertThat(read.status()).as("read %d on B", i).isEqualTo(status);
      if (status == 200) {
        assertThat(read.json().getInteger("version")).as("read %d on B", i).isEqualTo(version);
      }
    }
  }

  @Test
  void anUpdateAcknowledgedByANodeCutOffFromRedisIsWhatTheOtherNodeReads() {
    long id = cachedOnB("Partitioned");
    partition.cut();
    try {
      Reply patched = writerOnA.patchJson("/products/" + id, new JsonObject().put("stock", 7));
      assertThat(patched.status()).isEqualTo(200);
      assertThat(patched.json().getInteger("version")).isEqualTo(2);

      assertEveryReadOnBIs(id, 200, 2);
    } finally {
      partition.restore();
    }
  }

  @Test
  void aDeleteAcknowledgedByANodeCutOffFromRedisIsWhatTheOtherNodeReads() {
    long id = cachedOnB("Partitioned, then deleted");
    partition.cut();
    try {
      assertThat(writerOnA.delete("/products/" + id).status()).isEqualTo(204);

      assertEveryReadOnBIs(id, 404, 0);
    } finally {
      partition.restore();
    }
  }

  /**
   * A node that was not running when the cut-off node's write was acknowledged never heard it; it
   * takes the floor from the outbox as it starts.
   */
  @Test
  void aNodeStartedAfterAnUpdateAcknowledgedByANodeCutOffFromRedisReadsTheUpdate() {
    long id = cachedOnB("Written before the newcomer");
    partition.cut();
    Vertx newcomerVertx = Vertx.vertx();
    try {
      Reply patched = writerOnA.patchJson("/products/" + id, new JsonObject().put("stock", 5));
      assertThat(patched.json().getInteger("version")).isEqualTo(2);

      try (TestApp newcomer =
          TestApp.start(
              newcomerVertx,
              new JsonObject()
                  .put("REDIS_URL", redis.url().connectionString())
                  .put("REDIS_KEY_PREFIX", cluster.app(1).app().config().redis().keyPrefix()))) {
        for (int i = 0; i < READS; i++) {
          Reply read = newcomer.http().get("/products/" + id);
          assertThat(read.json().getInteger("version"))
              .as("read %d on the newcomer", i)
              .isEqualTo(2);
        }
      }
    } finally {
      partition.restore();
      newcomerVertx.close().await();
    }
  }

  @Test
  void aRedisRestartedFromDataSavedBeforeAnUpdateDoesNotServeTheOldCopy() {
    long id = cachedOnB("Saved, then changed");
    Redis direct = Redis.createClient(tools, redis.url().connectionString());
    direct.send(Request.cmd(Command.SAVE)).await();
    direct.close();
    redis.stop();
    try {
      Reply patched = writerOnA.patchJson("/products/" + id, new JsonObject().put("stock", 9));
      assertThat(patched.json().getInteger("version")).isEqualTo(2);
    } finally {
      redis.restart();
    }
    eventually(
        Duration.ofSeconds(15),
        () -> check(readerOnB.get("/health"), "redis").getString("status"),
        "UP"::equals);

    assertEveryReadOnBIs(id, 200, 2);
  }
}
