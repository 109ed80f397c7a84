package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
class AppConfigTest {

  private static AppConfig load(Vertx vertx, JsonObject overrides) {
    return ConfigLoader.load(vertx, overrides).await();
  }

  @Test
  void defaultsFromConfigYamlMakeADevelopmentConfig(Vertx vertx) {
    AppConfig config = load(vertx, new JsonObject().put("DATABASE_URL", ""));

    assertThat(config.profile()).isEqualTo(Profile.DEV);
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.embeddedDatabase()).isTrue();
    assertThat(config.dataDir().toString()).isEqualTo("./.data");
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.migrateOnStart()).isTrue();
  }

  @Test
  void overridesWinOverTheYamlDefaults(Vertx vertx) {
    AppConfig config =
        load(
            vertx,
            new JsonObject()
                .put("HTTP_PORT", "9090")
                .put("DB_POOL_SIZE", 4)
                .put("SHUTDOWN_TIMEOUT", "750ms")
                .put(
                    "DATABASE_URL",
                    "postgresql://app:s%40cret@db.internal:6543/shop?sslmode=require"));

    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.dbPoolSize()).isEqualTo(4);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMillis(750));
    DatabaseUrl db = config.databaseUrl().orElseThrow();
    assertThat(db.host()).isEqualTo("db.internal");
    assertThat(db.port()).isEqualTo(6543);
    assertThat(db.database()).isEqualTo("shop");
    assertThat(db.user()).isEqualTo("app");
    assertThat(db.password()).isEqualTo("s@cret");
    assertThat(db.toString()).doesNotContain("cret");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP_PORT|70000|HTTP_PORT: must be between 0 and 65535, got 70000",
        "HTTP_PORT|eighty|HTTP_PORT: must be a whole number",
        "DB_POOL_SIZE|-3|DB_POOL_SIZE: must be between 1 and 1000, got -3",
        "DATABASE_URL|mysql://x/y|DATABASE_URL: scheme must be postgresql://",
        "DATABASE_URL|postgresql://host-only|DATABASE_URL: no database name",
        "DATABASE_URL|not a url|DATABASE_URL: not a URL",
        "APP_PROFILE|staging|APP_PROFILE: must be one of dev, prod",
        "SHUTDOWN_TIMEOUT|soon|SHUTDOWN_TIMEOUT: must be a duration",
        "MIGRATE_ON_START|perhaps|MIGRATE_ON_START: must be true or false",
        "LOG_LEVEL|LOUD|LOG_LEVEL: must be one of trace, debug, info, warn, error",
        "JWT_SECRET|too-short|JWT_SECRET: must be at least 32 bytes long",
        "JWT_ALGORITHM|none|JWT_ALGORITHM: must be one of HS256, RS256, ES256",
        "CORS_ORIGINS|*|CORS_ORIGINS: each origin must be scheme://host[:port] (never *)",
        "ADMIN_EMAIL|a@b.c|ADMIN_PASSWORD: must be set together with ADMIN_EMAIL",
        "TLS_CERT_PATH|/nonexistent.pem|TLS_CERT_PATH: cannot read",
        "REDIS_URL|http://cache:6379|REDIS_URL: scheme must be redis:// or rediss://",
        "REDIS_URL|redis://cache:6379/zero|REDIS_URL: the path must be a database number",
        "REDIS_URL|redis:///0|REDIS_URL: no host",
        "REDIS_TIMEOUT|0ms|REDIS_TIMEOUT: must be longer than 0",
        "LOG_FORMAT|xml|LOG_FORMAT: must be one of text, json",
        "DB_POOL_IDLE_TIMEOUT|forever|DB_POOL_IDLE_TIMEOUT: must be a duration",
        "CACHE_TTL|0s|CACHE_TTL: must be longer than 0",
        "IDEMPOTENCY_TTL|0s|IDEMPOTENCY_TTL: must be longer than 0",
        "SENTRY_DSN|https://sentry.example.com/42|SENTRY_DSN: not a Sentry DSN",
        "RATE_LIMIT_PER_IP|-1|RATE_LIMIT_PER_IP: must be between 0 and 100000000, got -1",
        "RATE_LIMIT_WINDOW|0s|RATE_LIMIT_WINDOW: must be longer than 0",
      })
  void badValueFailsWithOneLineNamingTheKey(String key, String value, String message, Vertx vertx) {
    assertThatThrownBy(() -> load(vertx, new JsonObject().put(key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void prodRequiresSigningKeys(Vertx vertx) {
    assertThatThrownBy(
            () ->
                load(
                    vertx,
                    new JsonObject()
                        .put("APP_PROFILE", "prod")
                        .put("DATABASE_URL", "postgresql://db/x")
                        .put("ALLOWED_HOSTS", "api.example.com")
                        .put("JWT_SECRET", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JWT_SECRET: is required in the prod profile");
  }

  @Test
  void prodRequiresAllowedHosts(Vertx vertx) {
    assertThatThrownBy(
            () ->
                load(
                    vertx,
                    new JsonObject()
                        .put("APP_PROFILE", "prod")
                        .put("DATABASE_URL", "postgresql://db/x")
                        .put("JWT_SECRET", TestApp.randomSecret())
                        .put("ALLOWED_HOSTS", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ALLOWED_HOSTS: is required in the prod profile");
  }

  @Test
  void asymmetricAlgorithmsNeedTheirKeyFiles(Vertx vertx) {
    assertThatThrownBy(() -> load(vertx, new JsonObject().put("JWT_ALGORITHM", "RS256")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JWT_PRIVATE_KEY_PATH: is required with JWT_ALGORITHM RS256");
  }

  @Test
  void aPreviousSecretShorterThan32BytesIsRefusedNamingJwtPreviousSecrets(Vertx vertx) {
    String tooShort = "previous-but-short";
    assertThatThrownBy(
            () ->
                load(
                    vertx,
                    new JsonObject().put("JWT_PREVIOUS_SECRETS", "y".repeat(32) + "," + tooShort)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("JWT_PREVIOUS_SECRETS: secret number 2 must be at least 32 bytes long")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tooShort));
  }

  @Test
  void previousSecretsDoNotApplyToAsymmetricAlgorithms(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Path pem = Files.writeString(dir.resolve("key.pem"), "readable");
    assertThatThrownBy(
            () ->
                load(
                    vertx,
                    new JsonObject()
                        .put("JWT_ALGORITHM", "ES256")
                        .put("JWT_PRIVATE_KEY_PATH", pem.toString())
                        .put("JWT_PUBLIC_KEY_PATH", pem.toString())
                        .put("JWT_PREVIOUS_SECRETS", "y".repeat(32))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("JWT_PREVIOUS_SECRETS: applies to HS256 only, not ES256");
  }

  @Test
  void previousPublicKeysDoNotApplyToHs256(Vertx vertx, @TempDir Path dir) throws Exception {
    Path pem = Files.writeString(dir.resolve("key.pem"), "readable");
    assertThatThrownBy(
            () ->
                load(vertx, new JsonObject().put("JWT_PREVIOUS_PUBLIC_KEY_PATHS", pem.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("JWT_PREVIOUS_PUBLIC_KEY_PATHS: applies to RS256 and ES256 only, not HS256");
  }

  @Test
  void everyPreviousPublicKeyFileMustBeReadable(Vertx vertx, @TempDir Path dir) throws Exception {
    Path pem = Files.writeString(dir.resolve("key.pem"), "readable");
    assertThatThrownBy(
            () ->
                load(
                    vertx,
                    new JsonObject()
                        .put("JWT_ALGORITHM", "RS256")
                        .put("JWT_PRIVATE_KEY_PATH", pem.toString())
                        .put("JWT_PUBLIC_KEY_PATH", pem.toString())
                        .put(
                            "JWT_PREVIOUS_PUBLIC_KEY_PATHS",
                            pem + "," + dir.resolve("missing.pem"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JWT_PREVIOUS_PUBLIC_KEY_PATHS: cannot read ")
        .hasMessageEndingWith("missing.pem");
  }

  @Test
  void prodRefusesTheEmbeddedDatabase(Vertx vertx) {
    assertThatThrownBy(
            () -> load(vertx, new JsonObject().put("APP_PROFILE", "prod").put("DATABASE_URL", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DATABASE_URL: is required in the prod profile");
  }

  @Test
  void prodRefusesTheEmbeddedRedis(Vertx vertx) {
    assertThatThrownBy(
            () ->
                load(
                    vertx,
                    new JsonObject()
                        .put("APP_PROFILE", "prod")
                        .put("DATABASE_URL", "postgresql://db/x")
                        .put("JWT_SECRET", TestApp.randomSecret())
                        .put("ALLOWED_HOSTS", "api.example.com")
                        .put("REDIS_URL", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDIS_URL: is required in the prod profile");
  }

  /** A class loader that sees the JDK only: the server jar's view of the embedded servers. */
  private static EmbeddedServers withoutEmbeddedServers() {
    return new EmbeddedServers(new ClassLoader(null) {});
  }

  @Test
  void thisClassPathCarriesBothEmbeddedServers() {
    EmbeddedServers packaged = EmbeddedServers.packaged();

    assertThat(packaged.postgres()).isTrue();
    assertThat(packaged.redis()).isTrue();
    assertThat(withoutEmbeddedServers().postgres()).isFalse();
    assertThat(withoutEmbeddedServers().redis()).isFalse();
  }

  @Test
  void withoutTheEmbeddedPostgresDatabaseUrlIsRequired(Vertx vertx) {
    JsonObject raw = ConfigLoader.loadRaw(vertx, new JsonObject().put("DATABASE_URL", "")).await();

    assertThatThrownBy(() -> AppConfig.from(raw, withoutEmbeddedServers()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "DATABASE_URL: is required: this jar is built without the embedded PostgreSQL"
                + " (products-api.jar has it)");
  }

  @Test
  void withoutTheEmbeddedRedisRedisUrlIsRequired(Vertx vertx) {
    JsonObject raw =
        ConfigLoader.loadRaw(
                vertx,
                new JsonObject().put("DATABASE_URL", "postgresql://db/x").put("REDIS_URL", ""))
            .await();

    assertThatThrownBy(() -> AppConfig.from(raw, withoutEmbeddedServers()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "REDIS_URL: is required: this jar is built without the embedded Redis"
                + " (products-api.jar has it)");
  }

  @Test
  void withBothUrlsTheEmbeddedServersAreNotNeeded(Vertx vertx) {
    JsonObject raw =
        ConfigLoader.loadRaw(
                vertx,
                new JsonObject()
                    .put("DATABASE_URL", "postgresql://db/x")
                    .put("REDIS_URL", "redis://cache:6379"))
            .await();

    AppConfig config = AppConfig.from(raw, withoutEmbeddedServers());

    assertThat(config.embeddedDatabase()).isFalse();
    assertThat(config.redis().embedded()).isFalse();
  }

  @Test
  void redisUrlKeepsItsPasswordOutOfLogs(Vertx vertx) {
    AppConfig config =
        load(vertx, new JsonObject().put("REDIS_URL", "rediss://:p%40ss@cache.internal:6380/2"));

    RedisUrl redis = config.redis().url().orElseThrow();
    assertThat(redis.tls()).isTrue();
    assertThat(redis.host()).isEqualTo("cache.internal");
    assertThat(redis.port()).isEqualTo(6380);
    assertThat(redis.database()).isEqualTo(2);
    assertThat(redis.password()).isEqualTo("p@ss");
    assertThat(redis.connectionString()).isEqualTo("rediss://:p%40ss@cache.internal:6380/2");
    assertThat(redis.toString()).doesNotContain("ss@");
    assertThat(config.toString())
        .contains("redis=rediss://cache.internal:6380/2")
        .doesNotContain("p%40ss")
        .doesNotContain("p@ss");
  }

  @Test
  void logsAreJsonInProdAndTextInDevUnlessLogFormatSaysOtherwise(Vertx vertx) {
    JsonObject prod =
        new JsonObject()
            .put("APP_PROFILE", "prod")
            .put("DATABASE_URL", "postgresql://db/x")
            .put("JWT_SECRET", TestApp.randomSecret())
            .put("ALLOWED_HOSTS", "api.example.com")
            .put("REDIS_URL", "redis://cache");

    assertThat(load(vertx, new JsonObject()).logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(load(vertx, prod).logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(load(vertx, prod.copy().put("LOG_FORMAT", "text")).logFormat())
        .isEqualTo(LogFormat.TEXT);
  }
}
