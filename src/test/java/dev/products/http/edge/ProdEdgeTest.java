package dev.products.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The prod profile behind a trusted proxy. */
@ExtendWith(VertxExtension.class)
class ProdEdgeTest {

  @Test
  void prodSendsHstsAndBelievesOnlyItsTrustedProxy(Vertx vertx) {
    try (TestApp app =
            TestApp.start(
                vertx,
                new JsonObject()
                    .put("APP_PROFILE", "prod")
                    .put("JWT_SECRET", TestApp.randomSecret())
                    // The tests' admin password is published here, so prod refuses it.
                    .put("ADMIN_EMAIL", "")
                    .put("ADMIN_PASSWORD", "")
                    .put("ALLOWED_HOSTS", "127.0.0.1")
                    .put("TRUSTED_PROXIES", "127.0.0.1"));
        LogCapture logs = new LogCapture()) {

      Reply reply =
          app.http()
              .send(
                  HttpMethod.GET,
                  "/healthz/live",
                  null,
                  null,
                  MultiMap.caseInsensitiveMultiMap()
                      .add("X-Forwarded-For", "198.51.100.7, 127.0.0.1"));

      assertThat(reply.header("Strict-Transport-Security")).startsWith("max-age=");
      logs.awaitLine(
          line -> line.contains("/healthz/live") && line.contains("client=198.51.100.7"));
    }
  }

  @Test
  void prodKeepsOperationsDataOffThePublicPort(Vertx vertx) {
    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("APP_PROFILE", "prod")
                .put("JWT_SECRET", TestApp.randomSecret())
                .put("ADMIN_EMAIL", "")
                .put("ADMIN_PASSWORD", "")
                .put("ALLOWED_HOSTS", "127.0.0.1"))) {

      assertThat(app.http().get("/metrics").status()).isEqualTo(404);
      Reply ready = app.http().get("/health");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json()).isEqualTo(new JsonObject().put("status", "UP"));
      assertThat(ready.text()).doesNotContain("schema_version").doesNotContain("checks");
    }
  }
}
