package dev.products.platform.tracing;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.products.jobs.JobsBus;
import dev.products.platform.bus.Bus;
import dev.products.platform.database.Migrations;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.OtlpReceiver;
import dev.products.support.OtlpReceiver.Link;
import dev.products.support.OtlpReceiver.Span;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code OTEL_EXPORTER_OTLP_ENDPOINT} set, the service exports its traces over OTLP/HTTP: here
 * to a receiver inside the test, as it would to Jaeger. Requests carry a W3C {@code traceparent} of
 * the test's own where the test needs to find their trace; the service continues that trace.
 */
class TracingTest {

  private static final String FAILING_JOB = "tracing-test-fails";

  private static Vertx vertx;
  private static OtlpReceiver receiver;
  private static TestApp app;
  private static HttpClientSupport anonymous;
  private static HttpClientSupport user;

  @BeforeAll
  static void start() throws IOException {
    Migrations.migrate(TestDatabase.url());
    // A clean-up run offered by an earlier test's instance (hourly) would hold back this one's.
    TestDatabase.execute("DELETE FROM jobs WHERE singleton IS NOT NULL");
    vertx = Vertx.vertx();
    receiver = OtlpReceiver.start(vertx);
    app =
        TestApp.startTraced(
            new JsonObject()
                .put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                // Batches leave every 100 ms instead of 5 s, so the tests wait less.
                .put("OTEL_BSP_SCHEDULE_DELAY", "100")
                .put("DATA_DIR", Files.createTempDirectory("tracing-test").toString())
                .put("JOB_CONCURRENCY", 1)
                .put("JOB_POLL_INTERVAL", "200ms")
                .put("JOB_MAX_ATTEMPTS", 1),
            Map.of(
                FAILING_JOB,
                job -> Future.failedFuture(new IllegalStateException("the test's job fails"))));
    anonymous = app.http();
    user = Accounts.newUser(anonymous);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    receiver.close();
    vertx.close().await();
  }

  /** A caller's span: a fresh trace id and span id, as {@code traceparent} sends them. */
  private record CallerSpan(String traceId, String spanId) {
    static CallerSpan random() {
      HexFormat hex = HexFormat.of();
      byte[] trace = new byte[16];
      byte[] span = new byte[8];
      ThreadLocalRandom.current().nextBytes(trace);
      ThreadLocalRandom.current().nextBytes(span);
      return new CallerSpan(hex.formatHex(trace), hex.formatHex(span));
    }

    MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap()
          .add("traceparent", "00-" + traceId + "-" + spanId + "-01");
    }
  }

  private static Reply send(
      HttpClientSupport client, HttpMethod method, String path, JsonObject body, CallerSpan span) {
    return client.send(
        method,
        path,
        body == null ? null : "application/json",
        body == null ? null : body.toBuffer(),
        span.headers());
  }

  private static Predicate<Span> hop(String kind, String address) {
    return span ->
        span.kind().equals(kind) && address.equals(span.attribute("messaging.destination.name"));
  }

  private static Predicate<Span> database(String system) {
    return span -> span.kind().equals("CLIENT") && system.equals(span.attribute("db.system"));
  }

  private static Predicate<Span> childOf(Span parent) {
    return span -> span.parentSpanId().equals(parent.spanId());
  }

  /** Waits until the trace holds a span that matches, and returns it. */
  private static Span awaitIn(String traceId, Predicate<Span> matching) {
    return receiver.awaitSpan(span -> span.traceId().equals(traceId) && matching.test(span));
  }

  private static Span serverSpan(String traceId) {
    return awaitIn(
        traceId, span -> span.kind().equals("SERVER") && span.attribute("url.path") != null);
  }

  @Test
  void aWriteIsOneTraceFromTheHttpServerSpanOverTheEventBusToItsSql() {
    CallerSpan caller = CallerSpan.random();

    Reply created = send(user, HttpMethod.POST, "/products", Products.valid("Traced cup"), caller);

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Span server = serverSpan(caller.traceId());
    assertThat(server.name()).isEqualTo("POST");
    assertThat(server.attribute("url.path")).isEqualTo("/products");
    assertThat(server.attribute("http.response.status_code")).isEqualTo("201");
    assertThat(server.parentSpanId())
        .as("the caller's span is the parent")
        .isEqualTo(caller.spanId());
    assertThat(server.resource()).containsEntry("service.name", "products-api");
    Span send = awaitIn(caller.traceId(), hop("CLIENT", "products.create").and(childOf(server)));
    Span consumer = awaitIn(caller.traceId(), hop("SERVER", "products.create").and(childOf(send)));
    Span insert =
        awaitIn(
            caller.traceId(),
            database("postgresql")
                .and(childOf(consumer))
                .and(span -> span.attribute("db.query.text").contains("INSERT INTO products")));
    assertThat(insert.name()).isEqualTo("Query");
  }

  @Test
  void aCachedReadIsTheCacheHopAndItsRedisCommandWithoutTheDatabase() {
    long id = user.postJson("/products", Products.valid("Cached cup")).json().getLong("id");
    assertThat(anonymous.get("/products/" + id).status()).isEqualTo(200); // now in the cache
    CallerSpan caller = CallerSpan.random();

    Reply read = send(anonymous, HttpMethod.GET, "/products/" + id, null, caller);

    assertThat(read.status()).isEqualTo(200);
    Span server = serverSpan(caller.traceId());
    assertThat(server.attribute("url.path")).isEqualTo("/products/" + id);
    Span send = awaitIn(caller.traceId(), hop("CLIENT", "cache.products.get").and(childOf(server)));
    Span cache = awaitIn(caller.traceId(), hop("SERVER", "cache.products.get").and(childOf(send)));
    Span redis = awaitIn(caller.traceId(), database("redis").and(childOf(cache)));
    assertThat(redis.attribute("db.operation.name")).isNotBlank();
    assertThat(receiver.trace(caller.traceId()))
        .as("a cache hit does not ask the product store")
        .noneMatch(hop("CLIENT", "products.get"));
  }

  @Test
  void aProblemBodyCarriesTheTraceIdOfTheRequestsServerSpan() {
    Reply missing = anonymous.get("/products/987654321");

    assertThat(missing.status()).isEqualTo(404);
    String traceId = missing.json().getString("trace_id");
    assertThat(traceId).matches("[0-9a-f]{32}");
    assertThat(missing.json().getString("request_id")).isEqualTo(missing.header("X-Request-ID"));
    Span server = serverSpan(traceId);
    assertThat(server.isRoot()).as("a request without traceparent starts a trace").isTrue();
    assertThat(server.attribute("url.path")).isEqualTo("/products/987654321");
    assertThat(server.attribute("http.response.status_code")).isEqualTo("404");
  }

  @Test
  void everyLineLoggedForATracedRequestNamesItsTraceAndSpan() {
    CallerSpan caller = CallerSpan.random();
    try (LogCapture logs = new LogCapture()) {
      Reply missing = send(anonymous, HttpMethod.GET, "/products/987654322", null, caller);
      String requestId = missing.header("X-Request-ID");

      ILoggingEvent access =
          eventually(
                  Duration.ofSeconds(5),
                  () -> accessLines(logs, requestId),
                  lines -> !lines.isEmpty())
              .get(0);
      Span server = serverSpan(caller.traceId());
      assertThat(access.getMDCPropertyMap())
          .containsEntry("trace_id", caller.traceId())
          .containsEntry("span_id", server.spanId())
          .containsEntry("request_id", requestId);
      JsonObject json =
          logs.jsonLines().stream()
              .filter(line -> requestId.equals(line.getString("request_id")))
              .filter(line -> "access".equals(line.getString("logger_name")))
              .findFirst()
              .orElseThrow();
      assertThat(json.getString("trace_id")).isEqualTo(caller.traceId());
      assertThat(json.getString("span_id")).isEqualTo(server.spanId());
    }
  }

  private static List<ILoggingEvent> accessLines(LogCapture logs, String requestId) {
    return logs.events().stream()
        .filter(event -> event.getLoggerName().equals("access"))
        .filter(event -> requestId.equals(event.getMDCPropertyMap().get("request_id")))
        .toList();
  }

  @Test
  void aJobQueuedOutsideAnyTraceRunsUnlinkedAndAFailedRunIsAnError() {
    Bus bus = new Bus(app.vertx(), app.app().config().bus());

    long jobId =
        bus.request(JobsBus.ENQUEUE, new JobsBus.Enqueue(FAILING_JOB, new JsonObject(), null, null))
            .await();

    Span run =
        receiver.awaitSpan(
            span ->
                span.name().equals("job " + FAILING_JOB)
                    && String.valueOf(jobId).equals(span.attribute("job.id")));
    assertThat(run.isRoot()).isTrue();
    assertThat(run.links()).isEmpty();
    assertThat(run.error()).as("the attempt failed").isTrue();
    assertThat(run.attribute("job.attempt")).isEqualTo("1");
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM jobs WHERE id = " + jobId + " AND traceparent IS NULL"))
        .isEqualTo(1);
  }

  @Test
  void aJobRunIsATraceOfItsOwnLinkedToTheRequestThatQueuedIt() {
    CallerSpan caller = CallerSpan.random();

    Reply queued = send(user, HttpMethod.POST, "/exports", new JsonObject(), caller);

    assertThat(queued.status()).as(queued.text()).isEqualTo(202);
    long jobId = queued.json().getLong("id");
    Span run =
        receiver.awaitSpan(
            span ->
                span.name().equals("job product-export")
                    && String.valueOf(jobId).equals(span.attribute("job.id")));
    assertThat(run.isRoot()).isTrue();
    assertThat(run.kind()).isEqualTo("CONSUMER");
    assertThat(run.traceId()).as("a trace of its own").isNotEqualTo(caller.traceId());
    assertThat(run.links()).hasSize(1);
    Link link = run.links().get(0);
    assertThat(link.traceId()).as("linked to the request's trace").isEqualTo(caller.traceId());
    Span enqueue = awaitIn(caller.traceId(), hop("SERVER", "jobs.enqueue"));
    assertThat(link.spanId()).as("the span that queued the job").isEqualTo(enqueue.spanId());
    assertThat(TestDatabase.string("SELECT traceparent FROM jobs WHERE id = " + jobId))
        .isEqualTo("00-" + caller.traceId() + "-" + enqueue.spanId() + "-01");
    // What the run does is in its trace: it reads the products over the bus, stores its outcome.
    awaitIn(run.traceId(), hop("CLIENT", "products.export-page").and(childOf(run)));
    awaitIn(
        run.traceId(),
        database("postgresql")
            .and(childOf(run))
            .and(span -> span.attribute("db.query.text").contains("state = 'succeeded'")));
  }
}
