package dev.products.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With MANAGEMENT_PORT set, metrics leave the public port for a port of their own. */
@ExtendWith(VertxExtension.class)
class ManagementPortTest {

  @Test
  void metricsAndProbesAreOnTheManagementPortAndMetricsAreGoneFromThePublicOne(Vertx vertx) {
    int management = TestApp.freePort();
    try (TestApp app = TestApp.start(vertx, new JsonObject().put("MANAGEMENT_PORT", management))) {
      WebClient client = WebClient.create(vertx);
      try {
        assertThat(client.get(management, "127.0.0.1", "/metrics").send().await().bodyAsString())
            .contains("jvm_memory_used_bytes");
        assertThat(client.get(management, "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
        assertThat(client.get(management, "127.0.0.1", "/healthz/live").send().await().statusCode()).isEqualTo(200);
        assertThat(client.get(management, "127.0.0.1", "/products").send().await().statusCode()).isEqualTo(404);
      } finally {
        client.close();
      }

      assertThat(app.http().get("/metrics").status()).isEqualTo(404);
      assertThat(app.http().get("/metrics").json().getString("type")).isEqualTo("/problems/not-found");
    }
  }
}
