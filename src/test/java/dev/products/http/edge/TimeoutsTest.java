package dev.products.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No client holds a connection or a request open for ever, and every request it sent is answered.
 */
@ExtendWith(VertxExtension.class)
class TimeoutsTest {

  private static TestApp app;
  private static HttpClientSupport http;

  @BeforeAll
  static void start(Vertx vertx) {
    app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("IDLE_TIMEOUT", "3s")
                .put("HEADER_TIMEOUT", "1s")
                .put("REQUEST_TIMEOUT", "2s"));
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", app.port());
    // Well past every limit under test: a read that times out means the server kept the connection
    // open.
    socket.setSoTimeout(15_000);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** Everything the server sends until it closes the connection. */
  private static String readUntilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("the server kept the connection open; received: " + received);
    } catch (java.net.SocketException reset) {
      // a reset is a close too
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aConnectionThatNeverSendsIsClosed() throws IOException {
    try (Socket socket = connect()) {
      assertThat(readUntilClosed(socket)).isEmpty();
    }
  }

  @Test
  void headersTrickledSlowerThanTheHeaderTimeoutLoseTheConnection() throws Exception {
    try (Socket socket = connect()) {
      write(socket, "GET /products HTTP/1.1\r\n");
      long start = System.nanoTime();
      socket.setSoTimeout(10);
      boolean closed = false;
      // One header byte every 300 ms: never idle long enough for IDLE_TIMEOUT (3 s), never done.
      while (!closed && System.nanoTime() - start < 8_000_000_000L) {
        Thread.sleep(300);
        try {
          write(socket, "X");
          closed = socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException open) {
          // still open
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("connection closed while headers still trickled in").isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_900);
    }
  }

  @Test
  void aBodyThatStopsArrivingGetsA408ProblemAndTheConnectionCloses() throws IOException {
    String token = Accounts.newUser(http).bearer();
    try (Socket socket = connect()) {
      write(
          socket,
          "POST /products HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":");

      String received = readUntilClosed(socket);

      assertThat(received).startsWith("HTTP/1.1 408 ");
      assertThat(received)
          .contains("application/problem+json", "/problems/request-timeout", "X-Request-ID");
    }
  }

  @Test
  void aRequestTheServiceCannotAnswerInTimeGetsA503Problem() throws Exception {
    // Hold a lock that the list query must wait for, past REQUEST_TIMEOUT (the bus allows 10 s).
    try (Connection db =
            DriverManager.getConnection(
                TestDatabase.url().jdbcUrl(),
                TestDatabase.url().user(),
                TestDatabase.url().password());
        Statement statement = db.createStatement()) {
      db.setAutoCommit(false);
      statement.execute("LOCK TABLE products IN ACCESS EXCLUSIVE MODE");

      Reply reply = http.get("/products");

      db.rollback();
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reply.json().getString("request_id")).isEqualTo(reply.header("X-Request-ID"));
    }
  }

  @Test
  void aRequestAnsweredInTimeIsNotCut() {
    assertThat(http.get("/products").status()).isEqualTo(200);
  }
}
