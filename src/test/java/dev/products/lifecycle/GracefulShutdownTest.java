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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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
                      + "AND query LIKE '%INSERT INTO products%'"),
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
    try (Socket keptAlive = new Socket("127.0.0.1", app.port())) {
      keptAlive.setSoTimeout(5_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(keptAlive.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = keptAlive.getOutputStream();
      byte[] get =
          "GET /healthz/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1);
      out.write(get);
      assertThat(head(in)).doesNotContainKey("connection");

      Future<Void> stopped = app.app().stop();
      out.write(get);
      Map<String, String> during = head(in);

      assertThat(during.get("status")).contains(" 200 ");
      assertThat(during.get("connection")).isEqualToIgnoringCase("close");
      assertThat(in.read()).as("the server closed the connection after the answer").isEqualTo(-1);
      assertThat(stopped.isComplete())
          .as("closed while the listener still accepts (SHUTDOWN_DELAY)")
          .isFalse();
      stopped.await();
    }
  }

  /** The status line and headers of one answer (lower-case names), its body read and dropped. */
  private static Map<String, String> head(BufferedReader in) throws IOException {
    Map<String, String> head = new HashMap<>();
    head.put("status", in.readLine());
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      int colon = line.indexOf(':');
      head.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(head.getOrDefault("content-length", "0"));
    for (int i = 0; i < length; i++) {
      in.read();
    }
    return head;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return socket.isConnected();
    } catch (IOException refused) {
      return false;
    }
  }
}
