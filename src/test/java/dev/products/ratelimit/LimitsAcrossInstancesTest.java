package dev.products.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport;
import dev.products.support.TestApp;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limiting runs as many instances as the HTTP verticle (two in tests), and the fallback used
 * while Redis is down still allows the configured limit per process, not that limit per instance.
 */
@ExtendWith(VertxExtension.class)
class LimitsAcrossInstancesTest {

  private static final int PER_IP = 10;

  @Test
  void hitsAreDecidedOnMoreThanOneEventLoop(Vertx vertx) {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Handler<DeliveryContext<Object>> interceptor =
        delivery -> {
          if (delivery.message().address().equals(RateLimitBus.HIT.name())) {
            threads.add(Thread.currentThread().getName());
          }
          delivery.next();
        };
    vertx.eventBus().addInboundInterceptor(interceptor);
    try (TestApp app = TestApp.start(vertx)) {
      for (int i = 0; i < 6; i++) {
        assertThat(app.http().get("/products").status()).isEqualTo(200);
      }

      assertThat(threads)
          .as("rate-limit hits are spread over the HTTP instances' event loops")
          .hasSizeGreaterThan(1)
          .allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    } finally {
      vertx.eventBus().removeInboundInterceptor(interceptor);
    }
  }

  /**
   * Redis is a port nothing listens on, so every hit is decided by the fallback counter. The hits
   * alternate between the instances (bus round-robin); with a counter per instance, twice the limit
   * would get through.
   */
  @Test
  void withoutRedisTheLimitHoldsExactlyAcrossInstances(Vertx vertx) {
    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("REDIS_URL", "redis://127.0.0.1:" + TestApp.freePort())
                .put("RATE_LIMIT_WINDOW", "1m")
                .put("RATE_LIMIT_PER_IP", PER_IP))) {
      HttpClientSupport http = app.http();
      int allowed = 0;
      int refused = 0;
      for (int i = 0; i < 3 * PER_IP; i++) {
        int status = http.get("/products").status();
        if (status == 429) {
          refused++;
        } else {
          assertThat(status).isEqualTo(200);
          allowed++;
        }
      }

      assertThat(allowed).as("the configured limit, not one per instance").isEqualTo(PER_IP);
      assertThat(refused).isEqualTo(2 * PER_IP);
    }
  }
}
