package dev.products.products;

import static dev.products.support.Eventually.eventually;
import static dev.products.support.Readiness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.redis.EmbeddedRedisServer;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reads and writes go on while the cache's Redis is stopped, and the cache is used again once it is
 * back.
 */
@ExtendWith(VertxExtension.class)
class CacheRedisOutageTest {

  @Test
  void withoutRedisReadsGoToTheDatabaseAndTheCacheComesBackByItself(Vertx vertx) {
    EmbeddedRedisServer redisServer = TestRedis.startDedicated();
    String prefix = TestRedis.uniquePrefix();
    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("REDIS_URL", redisServer.url().connectionString())
                .put("REDIS_KEY_PREFIX", prefix))) {
      HttpClientSupport http = app.http();
      HttpClientSupport user = Accounts.newUser(http);
      long id = user.postJson("/products", Products.valid("Outlasting")).json().getLong("id");
      assertThat(http.get("/products/" + id).status()).isEqualTo(200);

      redisServer.stop();

      Reply down =
          eventually(
              Duration.ofSeconds(10), () -> http.get("/health"), reply -> reply.status() == 503);
      assertThat(check(down, "redis").getString("status")).isEqualTo("DOWN");
      assertThat(http.get("/products/" + id).json().getString("name")).isEqualTo("Outlasting");
      assertThat(
              user.patchJson("/products/" + id, new JsonObject().put("name", "Changed while down"))
                  .status())
          .isEqualTo(200);
      assertThat(http.get("/products/" + id).json().getString("name"))
          .isEqualTo("Changed while down");

      redisServer.restart();

      eventually(Duration.ofSeconds(15), () -> http.get("/health"), reply -> reply.status() == 200);
      Redis client = Redis.createClient(vertx, redisServer.url().connectionString());
      try {
        String key = prefix + "product:" + id;
        eventually(
            Duration.ofSeconds(10),
            () -> {
              http.get("/products/" + id);
              return client.send(Request.cmd(Command.GET).arg(key)).await();
            },
            value -> value != null && value.toString().startsWith("2:"));
        assertThat(http.get("/products/" + id).json().getString("name"))
            .isEqualTo("Changed while down");
      } finally {
        client.close().await();
      }
    } finally {
      redisServer.close();
    }
  }
}
