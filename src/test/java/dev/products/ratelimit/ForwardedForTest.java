package dev.products.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that is not a trusted proxy cannot dodge its per-address limit by naming other
 * addresses.
 */
@ExtendWith(VertxExtension.class)
class ForwardedForTest {

  @Test
  void forgedForwardedForFromAnUntrustedPeerStillCountsAgainstThePeer(Vertx vertx) {
    try (TestApp app =
        TestApp.start(
            vertx, new JsonObject().put("TRUSTED_PROXIES", "").put("RATE_LIMIT_PER_IP", 3))) {
      HttpClientSupport http = app.http();
      int[] statuses = new int[4];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] =
            http.send(
                    HttpMethod.GET,
                    "/products",
                    null,
                    null,
                    MultiMap.caseInsensitiveMultiMap()
                        .add("X-Forwarded-For", "203.0.113." + (i + 1)))
                .status();
      }

      assertThat(statuses).containsExactly(200, 200, 200, 429);
    }
  }

  private static int getWith(HttpClientSupport http, String forwardedFor) {
    return http.send(
            HttpMethod.GET,
            "/products",
            null,
            null,
            MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", forwardedFor))
        .status();
  }

  @Test
  void behindATrustedProxyEachForwardedAddressHasItsOwnBudget(Vertx vertx) {
    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject().put("TRUSTED_PROXIES", "127.0.0.1").put("RATE_LIMIT_PER_IP", 2))) {
      HttpClientSupport http = app.http();

      assertThat(getWith(http, "198.51.100.7")).isEqualTo(200);
      assertThat(getWith(http, "198.51.100.7")).isEqualTo(200);
      assertThat(getWith(http, "198.51.100.7")).isEqualTo(429);
      assertThat(getWith(http, "2001:db8::7")).isEqualTo(200);
    }
  }

  @Test
  void aForwardedValueThatIsNoAddressCountsAsTheProxyItself(Vertx vertx) {
    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject().put("TRUSTED_PROXIES", "127.0.0.1").put("RATE_LIMIT_PER_IP", 2))) {
      HttpClientSupport http = app.http();

      // Each a different string: were they keys, each would get a fresh budget.
      assertThat(getWith(http, "not-an-ip <script>")).isEqualTo(200);
      assertThat(getWith(http, "evil.example")).isEqualTo(200);
      assertThat(getWith(http, "999.1.1.1")).isEqualTo(429);
    }
  }
}
