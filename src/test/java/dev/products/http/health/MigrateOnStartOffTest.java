package dev.products.http.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Readiness;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With MIGRATE_ON_START off, an unmigrated database keeps the instance out of service. */
@ExtendWith(VertxExtension.class)
class MigrateOnStartOffTest {

  @Test
  void unmigratedSchemaMakesReadinessDownNamingTheDatabase(Vertx vertx) {
    String database = "products_unmigrated_" + Long.toHexString(System.nanoTime());
    TestDatabase.execute("CREATE DATABASE " + database);
    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("DATABASE_URL", TestDatabase.withDatabase(database).toUri())
                .put("MIGRATE_ON_START", false))) {

      Reply reply = app.http().get("/health");

      assertThat(reply.status()).isEqualTo(503);
      JsonObject check = Readiness.check(reply, "database");
      assertThat(check.getString("status")).isEqualTo("DOWN");
      assertThat(check.getJsonObject("data").getString("reason")).contains("no migrations applied");
    } finally {
      TestDatabase.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}
