package dev.products.live;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.products.products.ProductEvents;
import dev.products.products.ProductsBus;
import dev.products.support.Accounts;
import dev.products.support.BridgeClient;
import dev.products.support.LogCapture;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SockJS event bus bridge: product events out to authenticated consumers, nothing in. */
class EventBusBridgeTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static TestApp app;
  private static String token;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx);
    String email = Accounts.uniqueEmail();
    Accounts.register(app.http(), email);
    token = Accounts.login(app.http(), email, Accounts.PASSWORD).getString("access_token");
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  @Test
  void anAuthenticatedConsumerReceivesProductEvents() {
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.register(ProductEvents.CREATED, token);
      // Registration is asynchronous; a write a moment later is the first thing it may see.
      assertThat(bridge.next("err", Duration.ofMillis(500))).isNull();

      long id =
          app.http()
              .as(token)
              .postJson("/products", Products.valid("Bridged"))
              .json()
              .getLong("id");

      JsonObject received = bridge.next("rec", WAIT);
      assertThat(received.getString("address")).isEqualTo(ProductEvents.CREATED);
      assertThat(received.getJsonObject("body").getLong("id")).isEqualTo(id);
    }
  }

  @Test
  void registeringWithoutAValidTokenIsRefused() {
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.register(ProductEvents.CREATED, null);
      assertThat(bridge.next("err", WAIT).getString("body")).isEqualTo("rejected");

      bridge.register(ProductEvents.UPDATED, "forged.token.value");
      assertThat(bridge.next("err", WAIT).getString("body")).isEqualTo("rejected");
    }
  }

  @Test
  void loggingOutClosesTheBridgeSocketsRegisteredWithThatToken() {
    String email = Accounts.uniqueEmail();
    Accounts.register(app.http(), email);
    String own = Accounts.login(app.http(), email, Accounts.PASSWORD).getString("access_token");
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.register(ProductEvents.CREATED, own);
      assertThat(bridge.next("err", Duration.ofMillis(500))).isNull();

      assertThat(app.http().as(own).postJson("/auth/logout", new JsonObject()).status())
          .isEqualTo(204);

      assertThat(bridge.awaitClose(WAIT)).isEqualTo((short) 4401);
    }
  }

  @Test
  void aBridgeSocketClosesWhenTheTokenItRegisteredWithExpires() {
    String email = Accounts.uniqueEmail();
    long id = Accounts.register(app.http(), email).getLong("id");
    String shortLived = TestApp.signAccessToken(vertx, id, "user", Duration.ofSeconds(2));
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.register(ProductEvents.CREATED, shortLived);
      assertThat(bridge.next("err", Duration.ofMillis(500))).isNull();

      assertThat(bridge.awaitClose(WAIT)).isEqualTo((short) 4401);
    }
  }

  @Test
  void internalAddressesCannotBeListenedTo() {
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.register("sessions.revoked", token);

      assertThat(bridge.next("err", WAIT).getString("body")).isEqualTo("access_denied");
    }
  }

  @Test
  void nothingCanBeSentInThroughTheBridge() {
    long before = TestDatabase.count("SELECT count(*) FROM products");
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.send(
          ProductsBus.CREATE.name(), new JsonObject().put("product", Products.valid("Smuggled")));

      assertThat(bridge.next("err", WAIT).getString("body")).isEqualTo("access_denied");
    }
    assertThat(TestDatabase.count("SELECT count(*) FROM products")).isEqualTo(before);
  }

  // CRLF line ends are the point of this raw request; a text block would hide them.
  @SuppressWarnings("StringConcatToTextBlock")
  @Test
  void aClientDroppingItsConnectionIsNotLoggedAsAnError() throws Exception {
    Logger bridgeLog = (Logger) LoggerFactory.getLogger(EventBusBridge.class);
    Level level = bridgeLog.getLevel();
    bridgeLog.setLevel(Level.DEBUG);
    try (LogCapture logs = new LogCapture()) {
      try (Socket socket = new Socket("127.0.0.1", app.port())) {
        socket
            .getOutputStream()
            .write(
                ("GET /eventbus/websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String status =
            new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(status).contains("101");
        // A reset, not a close: what a browser tab killed or a network drop looks like.
        socket.setSoLinger(true, 0);
      }

      logs.awaitLine(line -> line.contains("Bridge socket failed"));
      assertThat(logs.jsonLines())
          .noneMatch(
              line ->
                  line.getString("level").equals("ERROR")
                      || line.getString("level").equals("WARN"));
    } finally {
      bridgeLog.setLevel(level);
    }
  }
}
