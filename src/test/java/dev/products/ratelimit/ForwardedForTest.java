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
}
