package dev.products.lifecycle;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ContractValidator;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stop lets the request in flight finish. The request is made slow for real: the test holds a
 * lock on the products table, so the INSERT waits inside PostgreSQL until the test lets go.
 */
@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {

  @BeforeEach
  void emptyTable() {
    Products.deleteAll();
  }

  @Test
  void requestInFlightCompletesWhileReadinessIsDownAndNewConnectionsAreRefused(Vertx vertx)
      throws SQLException {
    TestApp app =
        TestApp.start(
            vertx, new JsonObject().put("SHUTDOWN_DELAY", "1s").put("SHUTDOWN_TIMEOUT", "20s"));
    HttpClientSupport http = app.http();
    Future<HttpResponse<Buffer>> slowWrite;
    Future<Void> stopped;
    try (Connection lock =
        DriverManager.getConnection(
            TestDatabase.url().jdbcUrl(),
            TestDatabase.url().user(),
            TestDatabase.url().password())) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE products IN ACCESS EXCLUSIVE MODE");

      String token =
          dev.products.support.Accounts.login(
                  http,
                  dev.products.support.TestApp.ADMIN_EMAIL,
                  dev.products.support.TestApp.ADMIN_PASSWORD)
              .getString("access_token");
      slowWrite =
          WebClient.create(vertx)
              .post(app.port(), "127.0.0.1", "/products")
              .bearerTokenAuthentication(token)
              .sendJsonObject(Products.valid("In flight"));
      eventually(
          Duration.ofSeconds(10),
          () ->
              TestDatabase.count(
                  "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                      + "AND query LIKE 'INSERT INTO products%'"),
          waiting -> waiting == 1);

      stopped = app.app().stop();

      Reply readiness = http.get("/health");
      assertThat(readiness.status()).isEqualTo(503);
      assertThat(readiness.text()).contains("lifecycle");
      eventually(Duration.ofSeconds(10), () -> accepts(app.port()), accepting -> !accepting);
      assertThat(slowWrite.isComplete()).isFalse();

      lock.commit();
    }

    HttpResponse<Buffer> response = slowWrite.await();
    ContractValidator.assertConforms(
        "POST",
        "/products",
        io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
        response.statusCode(),
        response.headers(),
        response.body());
    assertThat(response.statusCode()).isEqualTo(201);
    stopped.await();
    assertThat(TestDatabase.count("SELECT count(*) FROM products WHERE name = 'In flight'"))
        .isEqualTo(1);
  }

  @Test
  void duringTheDrainAnswersSayConnectionCloseAndTheServerClosesTheirConnections(Vertx vertx)
      throws Exception {
    TestApp app = TestApp.start(vertx, new JsonObject().put("SHUTDOWN_DELAY", "3s"));
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1));
    HttpClientResponse before = get(client, app.port());
    HttpConnection keptAlive = before.request().connection();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    keptAlive.closeHandler(v -> closed.complete(null));
    assertThat(before.getHeader("Connection")).isNull();

    Future<Void> stopped = app.app().stop();
    HttpClientResponse during = get(client, app.port());

    assertThat(during.request().connection()).as("the kept-alive connection").isSameAs(keptAlive);
    assertThat(during.statusCode()).isEqualTo(200);
    assertThat(during.getHeader("Connection")).isEqualToIgnoringCase("close");
    closed.get(2, TimeUnit.SECONDS);
    assertThat(stopped.isComplete())
        .as("the connection closed while the listener still accepts (SHUTDOWN_DELAY)")
        .isFalse();
    stopped.await();
    client.close().await();
  }

  private static HttpClientResponse get(HttpClient client, int port) {
    HttpClientResponse response =
        client
            .request(HttpMethod.GET, port, "127.0.0.1", "/healthz/live")
            .compose(request -> request.send())
            .await();
    response.body().await();
    return response;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return socket.isConnected();
    } catch (IOException refused) {
      return false;
    }
  }
}
