package dev.products.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HealthTest extends ApiTestBase {

  static JsonObject check(Reply reply, String id) {
    JsonArray checks = reply.json().getJsonArray("checks");
    for (int i = 0; i < checks.size(); i++) {
      if (checks.getJsonObject(i).getString("id").equals(id)) {
        return checks.getJsonObject(i);
      }
    }
    throw new AssertionError("no check " + id + " in " + reply.text());
  }

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
  }
}
