package dev.products.http.health;

import static dev.products.support.Readiness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import org.junit.jupiter.api.Test;

class HealthTest extends ApiTestBase {

  @Test
  void livenessAnswers200() {
    Reply reply = http.get("/healthz/live");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessIsUpWithEachCheckUp() {
    Reply reply = http.get("/health");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("status")).isEqualTo("UP");
    assertThat(check(reply, "database").getString("status")).isEqualTo("UP");
    assertThat(check(reply, "database").getJsonObject("data").getString("schema_version"))
        .isEqualTo(check(reply, "database").getJsonObject("data").getString("expected_version"));
    assertThat(check(reply, "lifecycle").getString("status")).isEqualTo("UP");
    assertThat(check(reply, "redis").getString("status")).isEqualTo("UP");
  }
}
