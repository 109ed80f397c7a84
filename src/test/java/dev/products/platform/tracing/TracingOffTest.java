package dev.products.platform.tracing;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.products.platform.database.Migrations;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.OtlpReceiver;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With no {@code OTEL_*} setting the service traces nothing: no tracer is installed, nothing is
 * sent to the SDK's default endpoint (a receiver listens there, on 4318, when the port is free),
 * and no log line or problem body carries a trace id.
 */
class TracingOffTest {

  /** Where the OTLP exporter sends by default (http://localhost:4318/v1/traces). */
  private static final int DEFAULT_OTLP_PORT = 4318;

  private static Vertx vertx;
  private static OtlpReceiver defaultEndpoint;
  private static TestApp app;
  private static HttpClientSupport anonymous;

  @BeforeAll
  static void start() {
    Migrations.migrate(TestDatabase.url());
    vertx = Vertx.vertx();
    try {
      defaultEndpoint = OtlpReceiver.start(vertx, DEFAULT_OTLP_PORT);
    } catch (RuntimeException taken) {
      defaultEndpoint = null; // something else listens there: the other checks still hold
    }
    // Started as Main starts it, with the tracing its settings describe: none.
    app = TestApp.startTraced(new JsonObject());
    anonymous = app.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (defaultEndpoint != null) {
      defaultEndpoint.close();
    }
    vertx.close().await();
  }

  @Test
  void withoutOtelSettingsNoTracerIsInstalled() {
    assertThat(((VertxInternal) app.vertx()).tracer()).isNull();
  }

  @Test
  void withoutOtelSettingsAProblemBodyHasNoTraceId() {
    Reply missing = anonymous.get("/products/987654323");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().fieldNames()).contains("request_id").doesNotContain("trace_id");
  }

  @Test
  void withoutOtelSettingsNoLogLineHasATraceId() {
    try (LogCapture logs = new LogCapture()) {
      String requestId = anonymous.get("/products/987654324").header("X-Request-ID");

      ILoggingEvent access =
          eventually(
                  Duration.ofSeconds(5),
                  () ->
                      logs.events().stream()
                          .filter(event -> event.getLoggerName().equals("access"))
                          .filter(
                              event ->
                                  requestId.equals(event.getMDCPropertyMap().get("request_id")))
                          .toList(),
                  lines -> !lines.isEmpty())
              .get(0);
      assertThat(access.getMDCPropertyMap()).doesNotContainKeys("trace_id", "span_id");
      assertThat(logs.events())
          .allSatisfy(event -> assertThat(event.getMDCPropertyMap()).doesNotContainKey("trace_id"));
    }
  }

  @Test
  void withoutOtelSettingsAJobIsStoredWithoutATraceContext() {
    HttpClientSupport user = Accounts.newUser(anonymous);

    Reply queued = user.postJson("/exports", new JsonObject());

    assertThat(queued.status()).as(queued.text()).isEqualTo(202);
    long id = queued.json().getLong("id");
    assertThat(TestDatabase.count("SELECT count(*) FROM jobs WHERE id = " + id)).isEqualTo(1);
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM jobs WHERE id = " + id + " AND traceparent IS NULL"))
        .isEqualTo(1);
  }

  @Test
  void withoutOtelSettingsNothingIsExported() {
    HttpClientSupport user = Accounts.newUser(anonymous);
    assertThat(user.postJson("/products", Products.valid("Untraced cup")).status()).isEqualTo(201);
    assertThat(anonymous.get("/products/987654325").status()).isEqualTo(404);

    // Longer than the SDK's default batch delay (5 s): an installed SDK would have sent by now.
    LockSupport.parkNanos(Duration.ofSeconds(6).toNanos());

    if (defaultEndpoint != null) {
      assertThat(defaultEndpoint.exports()).isZero();
      assertThat(defaultEndpoint.spans()).isEqualTo(List.of());
    }
  }
}
