package dev.products.support;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** One running service per test class, an empty products table per test. */
@ExtendWith(VertxExtension.class)
public abstract class ApiTestBase {

  protected static TestApp app;

  /** Anonymous. */
  protected static HttpClientSupport http;

  /** Signed in as a regular user, who owns what it creates. */
  protected static HttpClientSupport user;

  @BeforeAll
  static void startService(Vertx vertx) {
    app = TestApp.start(vertx);
    http = app.http();
    user = Accounts.newUser(http);
  }

  @AfterAll
  static void stopService() {
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void emptyTable() {
    Products.deleteAll();
  }
}
