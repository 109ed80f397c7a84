package dev.products.platform.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The whole configuration of one instance: typed, validated and immutable. Built once at start by
 * {@link #from(JsonObject)} from the merged settings, then handed to every verticle.
 *
 * @param databaseUrl empty means "start the embedded PostgreSQL"
 */
public record AppConfig(
    Profile profile,
    String httpHost,
    int httpPort,
    int httpInstances,
    int managementPort,
    long maxBodyBytes,
    Optional<DatabaseUrl> databaseUrl,
    int dbPoolSize,
    int dbPoolMaxWaitQueue,
    Duration dbPoolIdleTimeout,
    boolean migrateOnStart,
    Path dataDir,
    LogLevel logLevel,
    LogFormat logFormat,
    Duration shutdownDelay,
    Duration shutdownTimeout,
    JwtConfig jwt,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    EdgeConfig edge,
    RedisConfig redis,
    Duration cacheTtl,
    Duration idempotencyTtl,
    JobsConfig jobs,
    ExportsConfig exports,
    MailConfig mail,
    RateLimitConfig rateLimits,
    ErrorTrackingConfig errorTracking,
    ClusterConfig cluster,
    LiveConfig live,
    BusConfig bus,
    EventsConfig events,
    TracingConfig tracing) {

  /**
   * Builds and validates the configuration; the first bad value throws a {@link ConfigException}.
   */
  public static AppConfig from(JsonObject raw) {
    return from(raw, EmbeddedServers.packaged());
  }

  /** As {@link #from(JsonObject)}, with {@code embedded} saying which embedded servers exist. */
  static AppConfig from(JsonObject raw, EmbeddedServers embedded) {
    ConfigValues values = new ConfigValues(raw);
    Profile profile = values.oneOf("APP_PROFILE", Profile.class);
    Optional<DatabaseUrl> databaseUrl =
        Optional.ofNullable(values.optionalString("DATABASE_URL"))
            .map(url -> DatabaseUrl.parse("DATABASE_URL", url));
    if (profile.isProd() && databaseUrl.isEmpty()) {
      throw new ConfigException(
          "DATABASE_URL",
          "is required in the prod profile (the embedded database is for development)");
    }
    if (databaseUrl.isEmpty() && !embedded.postgres()) {
      throw new ConfigException("DATABASE_URL", EmbeddedServers.missing("PostgreSQL"));
    }
    Optional<String> adminEmail = Optional.ofNullable(values.optionalString("ADMIN_EMAIL"));
    Optional<String> adminPassword = Optional.ofNullable(values.optionalString("ADMIN_PASSWORD"));
    if (adminEmail.isPresent() != adminPassword.isPresent()) {
      throw new ConfigException(
          adminEmail.isPresent() ? "ADMIN_PASSWORD" : "ADMIN_EMAIL",
          "must be set together with "
              + (adminEmail.isPresent() ? "ADMIN_EMAIL" : "ADMIN_PASSWORD"));
    }
    if (adminEmail.isPresent() && adminPassword.isPresent()) {
      AdminPassword.check(profile, adminEmail.get(), adminPassword.get());
    }
    return new AppConfig(
        profile,
        values.nonBlank("HTTP_HOST"),
        values.intBetween("HTTP_PORT", 0, 65535),
        values.intBetween("HTTP_INSTANCES", 0, 256),
        managementPort(values),
        values.longAtLeast("MAX_BODY_BYTES", 1),
        databaseUrl,
        values.intBetween("DB_POOL_SIZE", 1, 1000),
        values.intBetween("DB_POOL_MAX_WAIT_QUEUE", -1, Integer.MAX_VALUE),
        values.duration("DB_POOL_IDLE_TIMEOUT"),
        values.bool("MIGRATE_ON_START"),
        Path.of(values.nonBlank("DATA_DIR")),
        values.oneOf("LOG_LEVEL", LogLevel.class),
        values.optionalString("LOG_FORMAT") == null
            ? (profile.isProd() ? LogFormat.JSON : LogFormat.TEXT)
            : values.oneOf("LOG_FORMAT", LogFormat.class),
        values.duration("SHUTDOWN_DELAY"),
        values.duration("SHUTDOWN_TIMEOUT"),
        JwtConfig.from(values, profile),
        adminEmail,
        adminPassword,
        EdgeConfig.from(values, profile),
        RedisConfig.from(values, profile, embedded),
        values.positiveDuration("CACHE_TTL"),
        values.positiveDuration("IDEMPOTENCY_TTL"),
        JobsConfig.from(values),
        ExportsConfig.from(values),
        MailConfig.from(values),
        RateLimitConfig.from(values),
        ErrorTrackingConfig.from(values, profile),
        ClusterConfig.from(values),
        LiveConfig.from(values),
        BusConfig.from(values),
        EventsConfig.from(values),
        TracingConfig.from(values));
  }

  private static int managementPort(ConfigValues values) {
    int port = values.intBetween("MANAGEMENT_PORT", 0, 65535);
    if (port != 0 && port == values.intBetween("HTTP_PORT", 0, 65535)) {
      throw new ConfigException(
          "MANAGEMENT_PORT", "must differ from HTTP_PORT (or be 0 to serve /metrics on HTTP_PORT)");
    }
    return port;
  }

  /**
   * Instances of each Redis-bound verticle on the request path (cache, rate limits): the configured
   * count, or one per four HTTP instances. Each has its own Redis client, and fewer clients batch
   * more commands per write to Redis: on 2 cores one instance answered 10-20% more cached reads
   * than two (docs/scaling.md), while on many cores one would be the event loop every request waits
   * for.
   */
  public int effectiveRedisVerticleInstances() {
    return redis.verticleInstances() > 0
        ? redis.verticleInstances()
        : Math.max(1, effectiveHttpInstances() / 4);
  }

  /** HTTP verticle instances to deploy: the configured count, or one per core. */
  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    return "AppConfig[profile="
        + profile
        + ", http="
        + httpHost
        + ":"
        + httpPort
        + ", database="
        + databaseUrl.map(DatabaseUrl::display).orElse("embedded")
        + ", redis="
        + redis.url().map(RedisUrl::display).orElse("embedded")
        + ", "
        + jwt
        + "]";
  }

  public boolean embeddedDatabase() {
    return databaseUrl.isEmpty();
  }
}
