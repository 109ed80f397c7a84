package dev.products.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.products.Product;
import dev.products.products.ProductEvent;
import dev.products.products.ProductEvents;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.LiveClient;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /ws/products against the running service, with real WebSocket clients. */
class LiveUpdatesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static TestApp app;
  private static HttpClientSupport anonymous;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("WS_AUTH_TIMEOUT", "1s")
                .put("WS_PING_INTERVAL", "300ms")
                .put("WS_MAX_CONNECTIONS_PER_USER", 2)
                .put("WS_MAX_QUEUED_MESSAGES", 5));
    anonymous = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  private record Session(String email, String token, HttpClientSupport http) {}

  private static Session newSession() {
    String email = Accounts.uniqueEmail();
    Accounts.register(anonymous, email);
    String token = Accounts.login(anonymous, email, Accounts.PASSWORD).getString("access_token");
    return new Session(email, token, anonymous.as(token));
  }

  private static LiveClient connect(String token) {
    return LiveClient.connect(vertx, app.port(), token);
  }

  @Test
  void aSubscriberAuthenticatedInTheHandshakeReceivesProductEvents() {
    Session session = newSession();
    try (LiveClient live = connect(session.token())) {
      JsonObject ready = live.nextOfType("ready", WAIT);
      assertThat(ready.getLong("user_id"))
          .isEqualTo(session.http().get("/users/me").json().getLong("id"));

      long id = session.http().postJson("/products", Products.valid("Live")).json().getLong("id");

      JsonObject created = live.nextOfType(ProductEvents.CREATED, WAIT);
      assertThat(created.getLong("id")).isEqualTo(id);
      assertThat(created.getJsonObject("product").getString("name")).isEqualTo("Live");
      assertThat(live.socket().subProtocol()).isEqualTo("products.v1");
    }
  }

  @Test
  void aSubscriberMayAuthenticateWithAFirstMessageInstead() {
    Session session = newSession();
    try (LiveClient live = connect(null)) {
      live.send(new JsonObject().put("type", "auth").put("token", session.token()));

      assertThat(live.nextOfType("ready", WAIT).getString("type")).isEqualTo("ready");
    }
  }

  @Test
  void aSocketThatNeverAuthenticatesIsClosedWith4408() {
    try (LiveClient live = connect(null)) {
      assertThat(live.awaitClose(WAIT)).isEqualTo((short) 4408);
    }
  }

  @Test
  void anInvalidTokenIsClosedWith4401() {
    try (LiveClient live = connect("not.a.token")) {
      assertThat(live.awaitClose(WAIT)).isEqualTo((short) 4401);
    }
  }

  @Test
  void aMalformedMessageIsClosedWith4400() {
    Session session = newSession();
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);
      live.socket().writeTextMessage("{not json").await();

      assertThat(live.awaitClose(WAIT)).isEqualTo((short) 4400);
    }
  }

  @Test
  void aSubscriptionFiltersEventsToTheProductsItNames() {
    Session session = newSession();
    long wanted =
        session.http().postJson("/products", Products.valid("Wanted")).json().getLong("id");
    long other = session.http().postJson("/products", Products.valid("Other")).json().getLong("id");
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);
      live.send(
          new JsonObject()
              .put("type", "subscribe")
              .put("ids", new io.vertx.core.json.JsonArray().add(wanted)));
      assertThat(live.nextOfType("subscribed", WAIT).getJsonArray("ids").getLong(0))
          .isEqualTo(wanted);

      session.http().patchJson("/products/" + other, new JsonObject().put("stock", 1));
      session.http().patchJson("/products/" + wanted, new JsonObject().put("stock", 2));

      JsonObject first = live.nextOfType(ProductEvents.UPDATED, WAIT);
      assertThat(first.getLong("id")).isEqualTo(wanted);
    }
  }

  @Test
  void loggingOutClosesTheSocketsOpenedWithThatToken() {
    Session session = newSession();
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);

      assertThat(session.http().postJson("/auth/logout", new JsonObject()).status()).isEqualTo(204);

      assertThat(live.awaitClose(WAIT)).isEqualTo((short) 4401);
    }
  }

  @Test
  void disablingTheAccountClosesItsSockets() {
    Session session = newSession();
    long userId = session.http().get("/users/me").json().getLong("id");
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);

      HttpClientSupport admin = Accounts.admin(anonymous);
      assertThat(
              admin.patchJson("/users/" + userId, new JsonObject().put("disabled", true)).status())
          .isEqualTo(200);

      assertThat(live.awaitClose(WAIT)).isEqualTo((short) 4401);
    }
  }

  @Test
  void aUserMayHoldOnlyTheConfiguredNumberOfSockets() {
    Session session = newSession();
    // One at a time: sockets authenticate asynchronously, so opened together any two could win the
    // slots.
    try (LiveClient first = connect(session.token())) {
      first.nextOfType("ready", WAIT);
      try (LiveClient second = connect(session.token())) {
        second.nextOfType("ready", WAIT);
        try (LiveClient third = connect(session.token())) {

          assertThat(third.awaitClose(WAIT)).isEqualTo((short) 4429);
          assertThat(first.isClosed()).isFalse();
        }
      }
    }
  }

  @Test
  void aSlowSubscriberIsClosedInsteadOfQueueingWithoutBound() {
    Session session = newSession();
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);
      live.socket().pause();
      JsonObject product = Products.valid("Big").put("description", "x".repeat(2000));

      // A burst far larger than the socket buffers, straight onto the event bus as the relay
      // would publish it, with event ids the relay will never hand out (taken from its sequence).
      long firstId =
          TestDatabase.count(
                  "SELECT setval('product_event_ids', nextval('product_event_ids') + 20000)")
              - 20_000;
      for (int i = 0; i < 20_000; i++) {
        vertx
            .eventBus()
            .publish(
                ProductEvents.UPDATED,
                new ProductEvent(
                        firstId + i,
                        ProductEvents.UPDATED,
                        i + 1,
                        1,
                        Product.fromJson(product.copy().put("id", i + 1).put("version", 1)),
                        1,
                        "2026-12-03T10:00:00Z")
                    .toJson());
      }

      live.socket().resume();
      assertThat(live.awaitClose(Duration.ofSeconds(30))).isEqualTo((short) 1008);
    }
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDropped() throws Exception {
    Session session = newSession();
    NetClient net = vertx.createNetClient();
    try {
      NetSocket raw = net.connect(app.port(), "127.0.0.1").await();
      CompletableFuture<String> handshake = new CompletableFuture<>();
      CompletableFuture<Void> dropped = new CompletableFuture<>();
      raw.handler(data -> handshake.complete(data.toString()));
      raw.closeHandler(v -> dropped.complete(null));
      raw.write(
              Buffer.buffer(
                  "GET /ws/products HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                      + "Sec-WebSocket-Protocol: products.v1, bearer."
                      + session.token()
                      + "\r\n\r\n"))
          .await();
      assertThat(handshake.get(10, TimeUnit.SECONDS)).startsWith("HTTP/1.1 101");

      // It reads nothing more and never sends a pong: after two ping intervals it is gone.
      dropped.get(10, TimeUnit.SECONDS);
    } finally {
      net.close().await();
    }
  }

  @Test
  void aPeerThatAnswersPingsStaysConnected() throws InterruptedException {
    Session session = newSession();
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);

      Thread.sleep(1500);

      assertThat(live.isClosed()).isFalse();
    }
  }

  @Test
  void aMessageOverTheLimitSentInFragmentsClosesTheSocketWith1009() {
    Session session = newSession();
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);
      String part = "x".repeat(8 * 1024);

      // Three frames of 8 KiB: each under the frame limit, the message over the 16 KiB one.
      live.socket().writeFrame(WebSocketFrame.textFrame("{\"type\":\"" + part, false));
      live.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part), false));
      live.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(part + "\"}"), true));

      assertThat(live.awaitClose(WAIT)).isEqualTo((short) 1009);
    }
  }

  @Test
  void aMessageUnderTheLimitInFragmentsIsReadAsOne() {
    Session session = newSession();
    try (LiveClient live = connect(session.token())) {
      live.nextOfType("ready", WAIT);

      live.socket().writeFrame(WebSocketFrame.textFrame("{\"type\":", false));
      live.socket()
          .writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"nonsense\"}"), true));

      assertThat(live.awaitClose(WAIT))
          .as("read whole, and refused as an unknown type")
          .isEqualTo((short) 4400);
    }
  }
}
