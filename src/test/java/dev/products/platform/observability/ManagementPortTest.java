package dev.products.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ContractValidator;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
        assertThat(probe(client, management, "/metrics").bodyAsString())
            .contains("jvm_memory_used_bytes");
        assertThat(probe(client, management, "/health").statusCode()).isEqualTo(200);
        assertThat(probe(client, management, "/healthz/live").statusCode()).isEqualTo(200);
        // The contract describes the public port; the management port serves only the three probes
        // above.
        assertThat(client.get(management, "127.0.0.1", "/products").send().await().statusCode())
            .isEqualTo(404);
      } finally {
        client.close();
      }

      assertThat(app.http().get("/metrics").status()).isEqualTo(404);
      assertThat(app.http().get("/metrics").json().getString("type"))
          .isEqualTo("/problems/not-found");
    }
  }

  /** A probe on the management port: the contract's operations, so their answers are held to it. */
  private static HttpResponse<Buffer> probe(WebClient client, int port, String path) {
    HttpResponse<Buffer> response = client.get(port, "127.0.0.1", path).send().await();
    ContractValidator.assertConforms(
        "GET", path, null, response.statusCode(), response.headers(), response.body());
    return response;
  }
}
