package dev.products.support;

import dev.products.App;
import dev.products.config.AppConfig;
import dev.products.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The real service, started in-process on a free port against the test database. */
public final class TestApp implements AutoCloseable {

  private final Vertx vertx;
  private final App app;
  private final int port;

  private TestApp(Vertx vertx, App app, int port) {
    this.vertx = vertx;
    this.app = app;
    this.port = port;
  }

  public static TestApp start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  /** Starts with the test defaults, overridden by {@code settings} (keys as in conf/config.yaml). */
  public static TestApp start(Vertx vertx, JsonObject settings) {
    JsonObject merged = defaults().mergeIn(settings);
    AppConfig config = ConfigLoader.load(vertx, merged).await();
    App app = App.start(vertx, config).await();
    return new TestApp(vertx, app, config.httpPort());
  }

  public static JsonObject defaults() {
    return new JsonObject()
        .put("DATABASE_URL", TestDatabase.url().toUri())
        .put("HTTP_HOST", "127.0.0.1")
        .put("HTTP_PORT", freePort())
        .put("HTTP_INSTANCES", 2)
        .put("SHUTDOWN_TIMEOUT", "5s")
        .put("JWT_SECRET", JWT_SECRET)
        .put("ADMIN_EMAIL", ADMIN_EMAIL)
        .put("ADMIN_PASSWORD", ADMIN_PASSWORD);
  }

  public static final String JWT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
  public static final String ADMIN_EMAIL = "admin@products.test";
  public static final String ADMIN_PASSWORD = "admin-password-123";

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public App app() {
    return app;
  }

  public HttpClientSupport http() {
    return new HttpClientSupport(vertx, port);
  }

  @Override
  public void close() {
    app.stop().await();
  }
}
