package dev.products.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.FakeSentry;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.PomVersion;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request that fails with a 500 can be followed by its id: from the response, through the JSON
 * log lines of the HTTP and repository verticles, to the Sentry event.
 */
@ExtendWith(VertxExtension.class)
class FailureTraceTest {

  private static final String REQUEST_ID = "trace-500-" + Long.toHexString(System.nanoTime());

  @Test
  void a500IsFollowedByItsIdThroughBothVerticlesLogsToTheSentryEvent(Vertx vertx) {
    try (FakeSentry sentry = FakeSentry.start(vertx);
        TestApp app =
            TestApp.start(
                vertx,
                new JsonObject()
                    .put("SENTRY_DSN", sentry.dsn())
                    .put("SENTRY_ENVIRONMENT", "test-env"));
        LogCapture logs = new LogCapture()) {
      HttpClientSupport user = Accounts.newUser(app.http());
      long userId = user.get("/users/me").json().getLong("id");

      Reply reply = failingCreate(user);

      assertThat(reply.status()).isEqualTo(500);
      assertThat(reply.header("X-Request-ID")).isEqualTo(REQUEST_ID);
      assertThat(reply.json().getString("request_id")).isEqualTo(REQUEST_ID);

      logs.awaitLine(line -> line.contains("POST /products 500"));
      List<JsonObject> lines =
          logs.jsonLines().stream()
              .filter(line -> REQUEST_ID.equals(line.getString("request_id")))
              .toList();
      assertThat(lines)
          .anyMatch(
              line ->
                  line.getString("logger_name").endsWith("StoreVerticle")
                      && line.getString("level").equals("ERROR")
                      && line.getString("stack_trace") != null);
      assertThat(lines).anyMatch(line -> line.getString("logger_name").endsWith("ProblemHandler"));
      assertThat(lines)
          .anyMatch(
              line ->
                  line.getString("logger_name").equals("access")
                      && "/products".equals(line.getString("route"))
                      && Integer.valueOf(500).equals(line.getInteger("status"))
                      && line.getLong("duration_ms") != null
                      && line.getLong("bytes") != null);
      assertThat(lines).allMatch(line -> String.valueOf(userId).equals(line.getString("user_id")));

      JsonObject event =
          sentry.awaitEvent(
              item ->
                  REQUEST_ID.equals(
                      item.getJsonObject("tags", new JsonObject()).getString("request_id")));
      assertThat(event.getJsonObject("tags").getString("route")).isEqualTo("/products");
      assertThat(event.getJsonObject("user").getString("id")).isEqualTo(String.valueOf(userId));
      assertThat(event.getString("environment")).isEqualTo("test-env");
      assertThat(event.getString("release")).isEqualTo("products-api@" + PomVersion.get());
    }
  }

  private static Reply failingCreate(HttpClientSupport user) {
    TestDatabase.execute("ALTER TABLE products RENAME COLUMN stock TO stock_renamed");
    try {
      return user.send(
          HttpMethod.POST,
          "/products",
          "application/json",
          Products.valid("Doomed").toBuffer(),
          MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", REQUEST_ID));
    } finally {
      TestDatabase.execute("ALTER TABLE products RENAME COLUMN stock_renamed TO stock");
    }
  }
}
