package dev.products.support;

import dev.products.App;
import dev.products.jobs.JobHandler;
import dev.products.platform.config.AppConfig;
import dev.products.platform.config.ConfigLoader;
import dev.products.platform.tracing.Tracing;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The real service, started in-process on a free port against the test database. */
public final class TestApp implements AutoCloseable {

  private final Vertx vertx;
  private final App app;
  private final int port;
  private final Tracing tracing;
  private final boolean ownsVertx;

  private TestApp(Vertx vertx, App app, int port) {
    this(vertx, app, port, Tracing.off(), false);
  }

  private TestApp(Vertx vertx, App app, int port, Tracing tracing, boolean ownsVertx) {
    this.vertx = vertx;
    this.app = app;
    this.port = port;
    this.tracing = tracing;
    this.ownsVertx = ownsVertx;
  }

  /**
   * The service as {@code Main} starts it when the {@code OTEL_*} settings turn tracing on: on a
   * Vert.x instance of its own with the tracer installed (the instance is closed with the app, then
   * the SDK, which exports what is still queued). With tracing off in {@code settings}, the same
   * instance is made without a tracer.
   */
  public static TestApp startTraced(JsonObject settings) {
    return startTraced(settings, Map.of());
  }

  /** As {@link #startTraced(JsonObject)}, with background job kinds of the test's own. */
  public static TestApp startTraced(JsonObject settings, Map<String, JobHandler> jobHandlers) {
    JsonObject merged = defaults().mergeIn(settings);
    Vertx bootstrap = Vertx.vertx();
    AppConfig config;
    try {
      config = ConfigLoader.load(bootstrap, merged).await();
    } finally {
      bootstrap.close().await();
    }
    Tracing tracing = Tracing.start(config.tracing(), dev.products.BuildInfo.current().version());
    Vertx vertx = tracing.install(Vertx.builder()).build();
    App app = App.start(vertx, config, jobHandlers, tracing).await();
    return new TestApp(vertx, app, config.httpPort(), tracing, true);
  }

  /**
   * The service on a node {@code tracing} traces (TestCluster's): the caller closes the node and
   * then the tracing.
   */
  static TestApp start(Vertx vertx, JsonObject settings, Tracing tracing) {
    JsonObject merged = defaults().mergeIn(settings);
    AppConfig config = ConfigLoader.load(vertx, merged).await();
    App app = App.start(vertx, config, Map.of(), tracing).await();
    return new TestApp(vertx, app, config.httpPort());
  }

  /** The Vert.x instance the service runs on. */
  public Vertx vertx() {
    return vertx;
  }

  public static TestApp start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  /**
   * Starts with the test defaults, overridden by {@code settings} (keys as in conf/config.yaml).
   */
  public static TestApp start(Vertx vertx, JsonObject settings) {
    return start(vertx, settings, Map.of());
  }

  /** With background job kinds of the test's own. */
  public static TestApp start(
      Vertx vertx, JsonObject settings, Map<String, JobHandler> jobHandlers) {
    JsonObject merged = defaults().mergeIn(settings);
    AppConfig config = ConfigLoader.load(vertx, merged).await();
    App app = App.start(vertx, config, jobHandlers).await();
    return new TestApp(vertx, app, config.httpPort());
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("DATABASE_URL", TestDatabase.url().toUri())
        .put("REDIS_URL", TestRedis.url().connectionString())
        .put("REDIS_KEY_PREFIX", TestRedis.uniquePrefix())
        // Limits stay on, so every test goes through the shared counters, but high enough that
        // only the rate-limit tests, which set their own, ever reach them.
        .put("RATE_LIMIT_LOGIN_PER_ACCOUNT", 10_000)
        .put("RATE_LIMIT_LOGIN_PER_IP", 10_000)
        .put("RATE_LIMIT_PER_IP", 1_000_000)
        .put("RATE_LIMIT_RESET_PER_ACCOUNT", 10_000)
        // No job workers unless a test asks: test apps would otherwise claim each other's jobs.
        .put("JOB_CONCURRENCY", 0)
        .put("HTTP_HOST", "127.0.0.1")
        .put("HTTP_PORT", freePort())
        .put("HTTP_INSTANCES", 2)
        // Two of each, so every test goes through the state the instances share.
        .put("REDIS_VERTICLE_INSTANCES", 2)
        .put("SHUTDOWN_TIMEOUT", "5s")
        .put("JWT_SECRET", JWT_SECRET)
        .put("ADMIN_EMAIL", ADMIN_EMAIL)
        .put("ADMIN_PASSWORD", ADMIN_PASSWORD);
  }

  public static final String JWT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

  /**
   * A signing secret the prod profile takes: random, made for this run. The prod profile refuses
   * {@link #JWT_SECRET}, like every secret published in the repository.
   */
  public static String randomSecret() {
    byte[] bytes = new byte[48];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * An access token as the service would sign it with {@link #JWT_SECRET} (every claim, a session
   * of its own), but with the lifetime the test needs.
   */
  public static String signAccessToken(Vertx vertx, long userId, String role, Duration ttl) {
    return JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(JWT_SECRET)))
        .generateToken(
            new JsonObject()
                .put("sub", String.valueOf(userId))
                .put("role", role)
                .put("jti", UUID.randomUUID().toString())
                .put("sid", UUID.randomUUID().toString()),
            new JWTOptions()
                .setIssuer("products-api")
                .setAudience(List.of("products-api"))
                .setExpiresInSeconds((int) ttl.toSeconds()));
  }

  public static final String ADMIN_EMAIL = "admin@products.test";
  public static final String ADMIN_PASSWORD = "admin-password-123";

  /**
   * A free port below Linux's ephemeral range (32768+). The embedded PostgreSQL and Redis take
   * ephemeral ports while the app starts, after this port was chosen but before it is bound; a port
   * from the ephemeral range could be handed to them in between.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between 20000 and 32000");
  }

  public int port() {
    return port;
  }

  public App app() {
    return app;
  }

  /** A client of a service started elsewhere (another process) on this port. */
  public static HttpClientSupport httpClient(Vertx vertx, int port) {
    return new HttpClientSupport(vertx, port);
  }

  public HttpClientSupport http() {
    return new HttpClientSupport(vertx, port);
  }

  @Override
  public void close() {
    try {
      app.stop().await();
    } finally {
      if (ownsVertx) {
        vertx.close().await();
        tracing.close();
      }
    }
  }
}
