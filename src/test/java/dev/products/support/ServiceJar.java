package dev.products.support;

import dev.products.platform.config.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The packaged jar ({@code target/products-api.jar}, or another one such as {@code
 * target/products-api-server.jar}) as its own process, for the integration tests (failsafe, after
 * {@code package}): on the test PostgreSQL in a fresh database of its own, on the test Redis under
 * a key prefix of its own, with an admin account, job workers for exports and a free port. Closing
 * stops it with SIGTERM and drops its database.
 */
public final class ServiceJar implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final String database;
  private final int port;

  private ServiceJar(Process process, Path log, String database, int port) {
    this.process = process;
    this.log = log;
    this.database = database;
    this.port = port;
  }

  /**
   * Starts the jar in {@code workDir} (its log, data and exports go there) and waits until it is
   * ready.
   */
  public static ServiceJar start(Path workDir) throws IOException, InterruptedException {
    return start(workDir, jar("products.jar", "target/products-api.jar"));
  }

  /** A packaged jar, named by a system property failsafe sets, or else by its path in target/. */
  public static Path jar(String property, String fallback) {
    return Path.of(System.getProperty(property, fallback)).toAbsolutePath();
  }

  /** As {@link #start(Path)}, running {@code jar} (e.g. target/products-api-server.jar). */
  public static ServiceJar start(Path workDir, Path jar) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " does not exist: integration tests run after `mvn package`");
    }
    String database = "products_it_" + Long.toHexString(System.nanoTime());
    TestDatabase.execute("CREATE DATABASE " + database);
    DatabaseUrl databaseUrl = TestDatabase.withDatabase(database);
    int port = TestApp.freePort();

    ProcessBuilder builder = process(jar, workDir);
    builder
        .environment()
        .putAll(
            Map.ofEntries(
                Map.entry("DATABASE_URL", databaseUrl.toUri()),
                Map.entry("REDIS_URL", TestRedis.url().connectionString()),
                Map.entry("REDIS_KEY_PREFIX", TestRedis.uniquePrefix()),
                Map.entry("HTTP_HOST", "127.0.0.1"),
                Map.entry("HTTP_PORT", String.valueOf(port)),
                Map.entry("HTTP_INSTANCES", "1"),
                Map.entry("DATA_DIR", workDir.resolve("data").toString()),
                Map.entry("JWT_SECRET", TestApp.JWT_SECRET),
                Map.entry("ADMIN_EMAIL", TestApp.ADMIN_EMAIL),
                Map.entry("ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD),
                // workers for the export job; NOTIFY wakes them, the poll is only the fallback
                Map.entry("JOB_CONCURRENCY", "2"),
                Map.entry("JOB_POLL_INTERVAL", "1s"),
                Map.entry("SHUTDOWN_TIMEOUT", "5s")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      TestDatabase.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      throw e;
    }
    ServiceJar service = new ServiceJar(process, workDir.resolve("service.log"), database, port);
    try {
      service.awaitReady(Duration.ofSeconds(90));
    } catch (RuntimeException | Error e) {
      service.close();
      throw e;
    }
    return service;
  }

  /**
   * {@code java -jar jar} in {@code workDir}, its output (stdout and stderr) to service.log there,
   * with no setting of conf/config.yaml in its environment: only what the caller adds configures
   * it, whatever the environment of the build holds.
   */
  public static ProcessBuilder process(Path jar, Path workDir) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("service.log").toFile());
    builder.environment().keySet().removeAll(configKeys());
    return builder;
  }

  /** Every setting of conf/config.yaml, each also an environment variable the service reads. */
  private static Set<String> configKeys() throws IOException {
    return Files.readAllLines(Path.of("conf", "config.yaml"), StandardCharsets.UTF_8).stream()
        .filter(line -> line.matches("[A-Z][A-Z0-9_]*:.*"))
        .map(line -> line.substring(0, line.indexOf(':')))
        .collect(Collectors.toSet());
  }

  /** The harness's own wait for readiness, over plain HTTP: not part of any client flow. */
  private void awaitReady(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      Eventually.eventually(
          timeout,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(
                  "the service exited with "
                      + process.exitValue()
                      + " before it was ready:\n"
                      + log());
            }
            try {
              return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
              return 0; // not listening yet
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
          },
          status -> status == 200);
    } catch (AssertionError notReady) {
      if (!process.isAlive()) {
        throw notReady;
      }
      throw new AssertionError(
          "the service was not ready within " + timeout + ":\n" + log(), notReady);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** What the service has written so far (stdout and stderr). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    List<String> problems = new ArrayList<>();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        problems.add("did not stop within 30 s of SIGTERM");
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    TestDatabase.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    if (!problems.isEmpty()) {
      throw new AssertionError("the service " + String.join(", ", problems) + ":\n" + log());
    }
  }
}
