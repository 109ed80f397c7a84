package dev.products.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.TestApp;
import dev.products.support.TestRedis;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances of the service on one Redis spend one budget between them. */
@ExtendWith(VertxExtension.class)
class SharedCountersTest {

  @Test
  void attemptsOnEitherInstanceCountAgainstTheSameAccount(Vertx vertx) {
    JsonObject shared =
        new JsonObject()
            .put("REDIS_KEY_PREFIX", TestRedis.uniquePrefix())
            .put("RATE_LIMIT_LOGIN_PER_ACCOUNT", 4);
    try (TestApp first = TestApp.start(vertx, shared.copy().put("HTTP_PORT", TestApp.freePort()));
        TestApp second = TestApp.start(vertx, shared.copy().put("HTTP_PORT", TestApp.freePort()))) {
      String email = Accounts.uniqueEmail();
      Accounts.register(first.http(), email);
      MultiMap wrong =
          MultiMap.caseInsensitiveMultiMap()
              .add("username", email)
              .add("password", "wrong-password");

      HttpClientSupport a = first.http();
      HttpClientSupport b = second.http();
      assertThat(a.postForm("/auth/token", wrong).status()).isEqualTo(401);
      assertThat(b.postForm("/auth/token", wrong).status()).isEqualTo(401);
      assertThat(a.postForm("/auth/token", wrong).status()).isEqualTo(401);
      assertThat(b.postForm("/auth/token", wrong).status()).isEqualTo(401);

      assertThat(a.postForm("/auth/token", wrong).status()).isEqualTo(429);
      assertThat(b.postForm("/auth/token", wrong).status()).isEqualTo(429);
    }
  }

  @Test
  void theGeneralLimitIsSharedByEveryInstance(Vertx vertx) {
    JsonObject shared =
        new JsonObject()
            .put("REDIS_KEY_PREFIX", TestRedis.uniquePrefix())
            .put("RATE_LIMIT_PER_IP", 4);
    try (TestApp first = TestApp.start(vertx, shared.copy().put("HTTP_PORT", TestApp.freePort()));
        TestApp second = TestApp.start(vertx, shared.copy().put("HTTP_PORT", TestApp.freePort()))) {
      assertThat(first.http().get("/products").header("RateLimit-Remaining")).isEqualTo("3");
      assertThat(second.http().get("/products").header("RateLimit-Remaining")).isEqualTo("2");
      assertThat(first.http().get("/products").header("RateLimit-Remaining")).isEqualTo("1");
      assertThat(second.http().get("/products").header("RateLimit-Remaining")).isEqualTo("0");

      assertThat(first.http().get("/products").status()).isEqualTo(429);
    }
  }
}
