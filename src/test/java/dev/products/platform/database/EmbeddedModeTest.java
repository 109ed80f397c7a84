package dev.products.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** With no DATABASE_URL the service runs its own PostgreSQL, and its data outlives a restart. */
@ExtendWith(VertxExtension.class)
class EmbeddedModeTest {

  @Test
  void dataIsKeptAcrossARestart(Vertx vertx, @TempDir Path dataDir) {
    JsonObject embedded =
        new JsonObject()
            .put("DATABASE_URL", "")
            .put("REDIS_URL", "")
            .put("DATA_DIR", dataDir.toString());

    long id;
    try (TestApp first = TestApp.start(vertx, embedded)) {
      assertThat(first.app().database().embedded()).isTrue();
      id =
          dev.products.support.Accounts.admin(first.http())
              .postJson("/products", Products.valid("Survivor"))
              .json()
              .getLong("id");
    }

    try (TestApp second =
        TestApp.start(vertx, embedded.copy().put("HTTP_PORT", TestApp.freePort()))) {
      Reply reply = second.http().get("/products/" + id);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().getString("name")).isEqualTo("Survivor");
    }
    assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
  }
}
