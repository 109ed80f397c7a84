package dev.products.lifecycle;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.TestApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point as its own process, on the embedded PostgreSQL and Redis (the default a
 * developer meets first): a start, a burst of requests and a stop leave nothing an operator would
 * have to read twice. Everything the process writes is checked, stderr included: a library that
 * prints a stack trace bypasses the logger.
 */
class QuietLogsTest {

  @TempDir Path workDir;

  @Test
  void embeddedStartRequestBurstAndStopLogNoWarningOrError() throws Exception {
    int port = TestApp.freePort();
    Process process = launch(port);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    eventually(
        Duration.ofSeconds(90),
        () -> status(client, port, "/health"),
        status -> status == 200 || !process.isAlive());
    for (int i = 0; i < 20; i++) {
      for (String path : List.of("/products", "/products/999999", "/no-such-path", "/metrics")) {
        assertThat(status(client, port, path)).as(path).isPositive();
      }
    }

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ended by itself").isTrue();
    String output = Files.readString(workDir.resolve("output.log"), StandardCharsets.UTF_8);
    assertThat(output).contains(" is ready: http://").contains("Stopped");
    List<String> unexpected = new ArrayList<>();
    for (String line : output.lines().toList()) {
      // Every line of ours starts with a time and a level; anything else was printed around the
      // logger (a stack trace, a library's System.err). The start banner's own lines are indented
      // by two spaces (a stack trace's are by a tab).
      boolean logLine =
          line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) .*")
              || line.matches("  [a-z]+: .*|  listening on .*");
      if (!logLine || line.contains(" WARN ") || line.contains(" ERROR ")) {
        unexpected.add(line);
      }
    }
    assertThat(unexpected).as("lines beyond INFO, or outside the logger").isEmpty();
  }

  private Process launch(int port) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.products.Main")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("output.log").toFile());
    // Only what is set here configures it: embedded PostgreSQL and Redis, text logs at INFO.
    builder
        .environment()
        .keySet()
        .removeIf(
            key ->
                key.startsWith("HTTP_")
                    || key.startsWith("DB_")
                    || key.startsWith("REDIS_")
                    || key.startsWith("LOG_")
                    || key.startsWith("CLUSTER_")
                    || key.equals("DATABASE_URL")
                    || key.equals("APP_PROFILE"));
    builder.environment().put("DATA_DIR", workDir.resolve("data").toString());
    builder.environment().put("HTTP_HOST", "127.0.0.1");
    builder.environment().put("HTTP_PORT", String.valueOf(port));
    // Without it the dev profile warns that it signs with a random secret, which is meant.
    builder.environment().put("JWT_SECRET", TestApp.JWT_SECRET);
    return builder.start();
  }

  private static int status(HttpClient client, int port, String path) {
    try {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
