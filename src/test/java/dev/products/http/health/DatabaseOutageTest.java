package dev.products.http.health;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.database.EmbeddedPostgresServer;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.Readiness;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL of its own, stopped and started under the running service. */
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {

  @Test
  void readinessFollowsTheDatabaseDownAndBackWithoutARestart(Vertx vertx, @TempDir Path dir) {
    int pgPort = TestApp.freePort();
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir, pgPort);
    DatabaseUrl url = postgres.url();
    try (TestApp app = TestApp.start(vertx, new JsonObject().put("DATABASE_URL", url.toUri()))) {
      HttpClientSupport http = app.http();
      HttpClientSupport admin = dev.products.support.Accounts.admin(http);
      assertThat(http.get("/health").status()).isEqualTo(200);

      postgres.close();

      Reply down =
          eventually(
              Duration.ofSeconds(10), () -> http.get("/health"), reply -> reply.status() == 503);
      assertThat(Readiness.check(down, "database").getString("status")).isEqualTo("DOWN");
      assertThat(Readiness.check(down, "database").getJsonObject("data").getString("reason"))
          .isNotBlank();
      Reply write = admin.postJson("/products", Products.valid("During outage"));
      assertThat(write.status()).isEqualTo(503);
      assertThat(write.json().getString("type")).isEqualTo("/problems/service-unavailable");
      assertThat(http.get("/healthz/live").status()).isEqualTo(200);

      postgres = EmbeddedPostgresServer.start(dir, pgPort);

      eventually(Duration.ofSeconds(20), () -> http.get("/health"), reply -> reply.status() == 200);
      assertThat(admin.postJson("/products", Products.valid("After outage")).status())
          .isEqualTo(201);
    } finally {
      postgres.close();
    }
  }
}
