package dev.products.platform.tracing;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.OtlpReceiver;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import dev.products.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point as a process, turned on by the OTEL_* environment only. */
class TracedProcessTest {

  @TempDir Path workDir;

  private Vertx vertx;
  private OtlpReceiver receiver;
  private Process process;

  @BeforeEach
  void startReceiver() {
    vertx = Vertx.vertx();
    receiver = OtlpReceiver.start(vertx);
  }

  @AfterEach
  void stopAll() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    receiver.close();
    vertx.close().await();
  }

  private Process launch(Map<String, String> env) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.products.Main"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("output.log").toFile());
    builder
        .environment()
        .keySet()
        .removeIf(
            key ->
                key.startsWith("HTTP_")
                    || key.startsWith("OTEL_")
                    || key.startsWith("CLUSTER_")
                    || key.equals("DATABASE_URL")
                    || key.equals("REDIS_URL")
                    || key.equals("APP_PROFILE"));
    builder.environment().put("DATA_DIR", workDir.resolve("data").toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  private String output() throws IOException {
    return Files.readString(workDir.resolve("output.log"), StandardCharsets.UTF_8);
  }

  @Test
  void theOtelEnvironmentTurnsTracingOnAndAStopExportsTheSpansStillQueued() throws Exception {
    int port = TestApp.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", TestDatabase.url().toUri());
    env.put("REDIS_URL", TestRedis.url().connectionString());
    env.put("REDIS_KEY_PREFIX", TestRedis.uniquePrefix());
    env.put("JWT_SECRET", TestApp.JWT_SECRET);
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", String.valueOf(port));
    env.put("HTTP_INSTANCES", "1");
    env.put("JOB_CONCURRENCY", "0");
    env.put("LOG_FORMAT", "json");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    // Nothing leaves on the SDK's schedule during the test: only the stop's flush sends.
    env.put("OTEL_BSP_SCHEDULE_DELAY", "600000");
    process = launch(env);
    HttpClientSupport http = TestApp.httpClient(vertx, port);
    Reply missing =
        eventually(
            Duration.ofSeconds(60),
            () -> {
              try {
                return http.get("/products/987654326");
              } catch (Exception notUp) { // not listening yet
                return null;
              }
            },
            reply -> reply != null && reply.status() == 404);
    String traceId = missing.json().getString("trace_id");
    assertThat(traceId).matches("[0-9a-f]{32}");
    assertThat(receiver.trace(traceId)).as("queued, not sent yet").isEmpty();

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
    assertThat(process.exitValue()).as(output()).isZero();
    assertThat(receiver.trace(traceId))
        .as("the request's spans are exported on the way out")
        .anyMatch(span -> span.kind().equals("SERVER") && span.isRoot());
    List<JsonObject> accessLines =
        output()
            .lines()
            .filter(line -> line.startsWith("{"))
            .map(JsonObject::new)
            .filter(line -> "access".equals(line.getString("logger_name")))
            .filter(line -> traceId.equals(line.getString("trace_id")))
            .toList();
    assertThat(accessLines).as(output()).hasSize(1);
    assertThat(accessLines.get(0).getString("span_id")).matches("[0-9a-f]{16}");
  }

  @Test
  void anOtlpProtocolThisBuildCannotSendStopsTheStartWithExitCode2() throws Exception {
    process =
        launch(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output())
        .contains("Configuration error: OTEL_EXPORTER_OTLP_PROTOCOL: must be http/protobuf");
  }
}
