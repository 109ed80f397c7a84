package dev.products.ratelimit;

import static dev.products.support.Eventually.eventually;
import static dev.products.support.Readiness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.redis.EmbeddedRedisServer;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.TestApp;
import dev.products.support.TestRedis;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Redis of its own, stopped and started under the running service. */
@ExtendWith(VertxExtension.class)
class RedisOutageTest {

  private static final int LOGIN_PER_ACCOUNT = 3;

  @Test
  void withoutRedisTheServiceKeepsServingAndLimitingThenSharesAgainWhenItReturns(Vertx vertx) {
    EmbeddedRedisServer redis = TestRedis.startDedicated();
    String prefix = TestRedis.uniquePrefix();
    try (TestApp app =
            TestApp.start(
                vertx,
                new JsonObject()
                    .put("REDIS_URL", redis.url().connectionString())
                    .put("REDIS_KEY_PREFIX", prefix)
                    .put("RATE_LIMIT_LOGIN_PER_ACCOUNT", LOGIN_PER_ACCOUNT));
        LogCapture logs = new LogCapture()) {
      HttpClientSupport http = app.http();
      assertThat(check(http.get("/health"), "redis").getString("status")).isEqualTo("UP");

      redis.stop();

      Reply down =
          eventually(
              Duration.ofSeconds(10), () -> http.get("/health"), reply -> reply.status() == 503);
      assertThat(check(down, "redis").getString("status")).isEqualTo("DOWN");
      assertThat(check(down, "redis").getJsonObject("data").getString("reason"))
          .contains("does not answer");
      assertThat(check(down, "database").getString("status")).isEqualTo("UP");

      String email = Accounts.uniqueEmail();
      assertThat(
              http.postJson(
                      "/auth/register",
                      new JsonObject().put("email", email).put("password", Accounts.PASSWORD))
                  .status())
          .as("the API keeps serving")
          .isEqualTo(201);
      MultiMap wrong =
          MultiMap.caseInsensitiveMultiMap()
              .add("username", email)
              .add("password", "wrong-password");
      for (int i = 0; i < LOGIN_PER_ACCOUNT; i++) {
        assertThat(http.postForm("/auth/token", wrong).status()).isEqualTo(401);
      }
      assertThat(http.postForm("/auth/token", wrong).status())
          .as("the fallback counter still limits")
          .isEqualTo(429);
      assertThat(
              logs.lines().stream()
                  .filter(line -> line.contains("fall back to per-instance counters")))
          .as("the outage is logged once, not per request")
          .hasSize(1);

      redis.restart();

      eventually(Duration.ofSeconds(15), () -> http.get("/health"), reply -> reply.status() == 200);
      logs.awaitLine(line -> line.contains("rate limits are shared by every instance again"));
      http.postForm(
          "/auth/token",
          MultiMap.caseInsensitiveMultiMap()
              .add("username", Accounts.uniqueEmail())
              .add("password", "wrong-password"));
      assertThat(keysUnder(vertx, redis, prefix)).as("counting in Redis again").isNotEmpty();
    } finally {
      redis.close();
    }
  }

  private static Response keysUnder(Vertx vertx, EmbeddedRedisServer redis, String prefix) {
    Redis client = Redis.createClient(vertx, redis.url().connectionString());
    try {
      return client.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await();
    } finally {
      client.close().await();
    }
  }
}
