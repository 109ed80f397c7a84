package dev.products.lifecycle;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.DatabaseUrl;
import dev.products.support.ContractValidator;
import dev.products.support.PomVersion;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point, as a separate process: exit codes, signals, the migrate command. */
class MainProcessTest {

  @TempDir Path workDir;

  private Process launch(Map<String, String> env, String... args) throws IOException {
    return launch("output.log", env, args);
  }

  /** Started in the work directory, its DATA_DIR in it; stdout and stderr go to {@code log}. */
  private Process launch(String log, Map<String, String> env, String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.products.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(log).toFile());
    builder
        .environment()
        .keySet()
        .removeIf(
            key ->
                key.startsWith("HTTP_")
                    || key.startsWith("DB_")
                    || key.equals("DATABASE_URL")
                    || key.equals("APP_PROFILE"));
    builder.environment().put("DATA_DIR", workDir.resolve("data").toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  private String output() throws IOException {
    return output("output.log");
  }

  private String output(String log) throws IOException {
    return Files.readString(workDir.resolve(log), StandardCharsets.UTF_8);
  }

  /** Waits until the service on {@code port} answers its liveness probe. */
  private static void awaitLive(int port) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest live =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz/live")).build();
    eventually(
        Duration.ofSeconds(60),
        () -> {
          try {
            return client.send(live, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (IOException | InterruptedException e) {
            return -1;
          }
        },
        status -> status == 200);
  }

  private static int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process ended by itself").isTrue();
    return process.exitValue();
  }

  @Test
  void badConfigValueStopsTheStartWithOneLineAndANonZeroExit() throws Exception {
    Process process = launch(Map.of("HTTP_PORT", "70000"));

    assertThat(finish(process)).isEqualTo(2);
    List<String> errorLines = output().lines().filter(line -> line.contains("ERROR")).toList();
    assertThat(errorLines).hasSize(1);
    assertThat(errorLines.get(0))
        .contains("Configuration error: HTTP_PORT: must be between 0 and 65535, got 70000");
  }

  @Test
  void dotEnvFileInTheWorkingDirectoryIsRead() throws Exception {
    Files.writeString(workDir.resolve(".env"), "# local settings\nDB_POOL_SIZE=-4\n");

    Process process = launch(Map.of());

    assertThat(finish(process)).isEqualTo(2);
    assertThat(output()).contains("DB_POOL_SIZE: must be between 1 and 1000, got -4");
  }

  @Test
  void environmentWinsOverDotEnv() throws Exception {
    Files.writeString(workDir.resolve(".env"), "LOG_LEVEL=LOUD\n");

    Process process = launch(Map.of("LOG_LEVEL", "nonsense"));

    assertThat(finish(process)).isEqualTo(2);
    assertThat(output())
        .contains("LOG_LEVEL: must be one of trace, debug, info, warn, error, got \"nonsense\"");
  }

  @Test
  void prodProfileWithoutDatabaseUrlRefusesToStart() throws Exception {
    Process process = launch(Map.of("APP_PROFILE", "prod"));

    assertThat(finish(process)).isEqualTo(2);
    assertThat(output()).contains("DATABASE_URL: is required in the prod profile");
  }

  @Test
  void migrateCommandAppliesMigrationsAndExits() throws Exception {
    String database = "products_migrate_cmd_" + Long.toHexString(System.nanoTime());
    TestDatabase.execute("CREATE DATABASE " + database);
    try {
      DatabaseUrl fresh = TestDatabase.withDatabase(database);

      Process process = launch(Map.of("DATABASE_URL", fresh.toUri()), "migrate");

      assertThat(finish(process)).isZero();
      TestDatabase.execute(
          fresh, "INSERT INTO products (name, price_cents) VALUES ('migrated', 1)");
    } finally {
      TestDatabase.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void sigtermStopsTheServiceGracefullyAndTheProcessEndsByItself() throws Exception {
    int port = TestApp.freePort();
    Process process =
        launch(
            Map.of("DATABASE_URL", TestDatabase.url().toUri(), "HTTP_PORT", String.valueOf(port)));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest live =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz/live")).build();
    eventually(
        Duration.ofSeconds(30),
        () -> {
          try {
            HttpResponse<String> response = client.send(live, HttpResponse.BodyHandlers.ofString());
            ContractValidator.assertConforms(response);
            return response.statusCode();
          } catch (IOException | InterruptedException e) {
            return -1;
          }
        },
        status -> status == 200);

    process.destroy(); // SIGTERM

    assertThat(finish(process)).as("a clean drain is a clean exit").isZero();
    assertThat(output()).contains("Stopping").contains("Stopped");
  }

  @Test
  void withJsonLogFormatEveryLineIsOneJsonObjectCarryingTheRequestId() throws Exception {
    int port = TestApp.freePort();
    Process process =
        launch(
            Map.of(
                "DATABASE_URL",
                TestDatabase.url().toUri(),
                "HTTP_PORT",
                String.valueOf(port),
                "LOG_FORMAT",
                "json"));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest traced =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products/1"))
            .header("X-Request-ID", "json-line-trace-01")
            .build();
    eventually(
        Duration.ofSeconds(30),
        () -> {
          try {
            HttpResponse<String> response =
                client.send(traced, HttpResponse.BodyHandlers.ofString());
            ContractValidator.assertConforms(response);
            return response.statusCode();
          } catch (IOException | InterruptedException e) {
            return -1;
          }
        },
        status -> status == 404);

    process.destroy();
    finish(process);

    List<io.vertx.core.json.JsonObject> lines =
        output()
            .lines()
            .filter(line -> !line.isBlank())
            .map(io.vertx.core.json.JsonObject::new)
            .toList();
    assertThat(lines)
        .allMatch(
            line ->
                line.containsKey("@timestamp")
                    && line.containsKey("level")
                    && line.containsKey("message"));
    assertThat(lines)
        .anyMatch(
            line ->
                "access".equals(line.getString("logger_name"))
                    && "json-line-trace-01".equals(line.getString("request_id"))
                    && "/products/{id}".equals(line.getString("route"))
                    && Integer.valueOf(404).equals(line.getInteger("status")));
  }

  @Test
  void versionPrintsTheServiceAndItsVersionAndExits() throws Exception {
    Process process = launch(Map.of(), "--version");

    assertThat(finish(process)).isZero();
    assertThat(output().strip()).isEqualTo("products-api " + PomVersion.get());
  }

  @Test
  void helpListsTheCommandsAndTheMostUsedSettingsAndExits() throws Exception {
    Process process = launch(Map.of(), "--help");

    assertThat(finish(process)).isZero();
    assertThat(output())
        .contains("serve", "migrate", "--version", "HTTP_PORT", "DATABASE_URL", "conf/config.yaml")
        .contains("(both required by products-api-server.jar, built without them)");
  }

  @Test
  void helpDocumentsTheExitCodes() throws Exception {
    Process process = launch(Map.of(), "--help");

    assertThat(finish(process)).isZero();
    assertThat(output())
        .containsPattern("\\n\\s+2\\s+a setting is missing or bad")
        .containsPattern("\\n\\s+64\\s+unknown command")
        .containsPattern("\\n\\s+75\\s+another products-api already uses DATA_DIR");
  }

  @Test
  void aSecondInstanceOnTheSameDataDirSaysSoInOneLineAndExits75() throws Exception {
    // Both on the embedded PostgreSQL of one DATA_DIR (launch gives them the same one).
    int firstPort = TestApp.freePort();
    Process first = launch("first.log", Map.of("HTTP_PORT", String.valueOf(firstPort)));
    try {
      awaitLive(firstPort);

      Process second =
          launch("second.log", Map.of("HTTP_PORT", String.valueOf(TestApp.freePort())));

      assertThat(finish(second)).isEqualTo(75);
      List<String> lines = output("second.log").lines().toList();
      List<String> errors = lines.stream().filter(line -> line.contains("ERROR")).toList();
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0))
          .contains(
              "another products-api is already using data directory "
                  + workDir.resolve("data").toAbsolutePath().normalize()
                  + " (its embedded PostgreSQL): stop it, or set DATA_DIR to another directory");
      assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
    } finally {
      first.destroy();
      finish(first);
    }
  }

  @Test
  void anUnknownCommandSaysWhichOnesExistAndExits64() throws Exception {
    Process process = launch(Map.of(), "--frobnicate");

    assertThat(finish(process)).isEqualTo(64);
    assertThat(output()).contains("Unknown command \"--frobnicate\"", "--help");
  }
}
