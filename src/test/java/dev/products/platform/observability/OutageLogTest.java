package dev.products.platform.observability;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.database.EmbeddedPostgresServer;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.LogCapture;
import dev.products.support.Products;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL of its own, stopped and started under the running service, logs read back. */
@ExtendWith(VertxExtension.class)
class OutageLogTest {

  @Test
  void databaseOutageIsLoggedOnceWhenItStartsAndOnceWhenItEndsWithNoErrorPerRequest(
      Vertx vertx, @TempDir Path dir) {
    int pgPort = TestApp.freePort();
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir, pgPort);
    DatabaseUrl url = postgres.url();
    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject().put("DATABASE_URL", url.toUri()).put("JOB_POLL_INTERVAL", "1s"))) {
      HttpClientSupport http = app.http();
      HttpClientSupport admin = Accounts.admin(http);
      assertThat(admin.get("/products").status()).isEqualTo(200);

      try (LogCapture logs = new LogCapture()) {
        postgres.close();
        // Every kind of request that needs the database, several times: the bearer token's
        // account check (users.auth-state), reads, writes, the readiness probe, the job poll.
        for (int i = 0; i < 5; i++) {
          assertThat(admin.get("/products").status()).isEqualTo(503);
          assertThat(admin.postJson("/products", Products.valid("During outage")).status())
              .isEqualTo(503);
          assertThat(http.get("/health").status()).isEqualTo(503);
        }

        postgres = EmbeddedPostgresServer.start(dir, pgPort);
        eventually(
            Duration.ofSeconds(20), () -> http.get("/health"), reply -> reply.status() == 200);
        assertThat(admin.get("/products").status()).isEqualTo(200);
        logs.awaitLine(line -> line.contains("PostgreSQL at") && line.contains("answers again"));

        List<String> lines = logs.lines();
        assertThat(lines.stream().filter(line -> line.contains("PostgreSQL at")))
            .as("one line when the outage starts, one when it ends")
            .hasSize(2);
        assertThat(lines)
            .filteredOn(line -> line.contains("PostgreSQL at"))
            .first()
            .asString()
            .contains("is unreachable (")
            .contains(url.display());
        assertThat(lines)
            .filteredOn(line -> line.contains("PostgreSQL at"))
            .last()
            .asString()
            .containsPattern("answers again after \\d+\\.\\d s");
        assertThat(
                logs.jsonLines().stream()
                    .filter(line -> line.getString("level").equals("ERROR"))
                    .map(line -> line.getString("message")))
            .as("the start line is the only ERROR: the requests it failed are not")
            .hasSize(1)
            .allMatch(message -> message.contains("is unreachable"));
      }
    } finally {
      postgres.close();
    }
  }
}
