package dev.products.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.LiveClient;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No compressed WebSocket messages: the server negotiates neither permessage-deflate (RFC 7692) nor
 * deflate-frame, so no tiny frame can inflate into a large message (a deflate bomb), and the 16 KiB
 * message limit holds for a client that asked for compression too.
 */
class CompressedMessagesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static TestApp app;
  private static HttpClientSupport anonymous;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx);
    anonymous = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  private static String newToken() {
    String email = Accounts.uniqueEmail();
    Accounts.register(anonymous, email);
    return Accounts.login(anonymous, email, Accounts.PASSWORD).getString("access_token");
  }

  private static LiveClient connectPerMessageDeflate(String token) {
    return LiveClient.connect(
        vertx,
        app.port(),
        token,
        new WebSocketClientOptions().setTryUsePerMessageCompression(true));
  }

  private static String extensions(LiveClient live) {
    String negotiated = live.socket().headers().get("Sec-WebSocket-Extensions");
    return negotiated == null ? "" : negotiated;
  }

  /** What a message of this text deflates to: the order of the bytes on the wire. */
  private static int deflatedSize(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflater =
        new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      deflater.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.size();
  }

  /** A subscribe message of exactly {@code bytes} bytes, padded with one repeated character. */
  private static String subscribeOf(int bytes) {
    String prefix = "{\"type\":\"subscribe\",\"ids\":null,\"padding\":\"";
    String suffix = "\"}";
    return prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
  }

  @Test
  void aClientThatAsksForPermessageDeflateGetsNoCompression() {
    try (LiveClient live = connectPerMessageDeflate(newToken())) {
      live.nextOfType("ready", WAIT);

      assertThat(extensions(live)).isEmpty();
    }
  }

  @Test
  void aClientThatAsksForDeflateFrameGetsNoCompression() {
    try (LiveClient live =
        LiveClient.connect(
            vertx,
            app.port(),
            newToken(),
            new WebSocketClientOptions().setTryUsePerFrameCompression(true))) {
      live.nextOfType("ready", WAIT);

      assertThat(extensions(live)).isEmpty();
    }
  }

  @Test
  void aMessageThatWouldDeflateToAFewBytesButIsOverTheLimitClosesTheSocketWith1009()
      throws Exception {
    try (LiveClient live = connectPerMessageDeflate(newToken())) {
      live.nextOfType("ready", WAIT);
      String message = subscribeOf(20 * 1024);
      assertThat(deflatedSize(message))
          .as("compressed, it would have been far under the 16 KiB frame limit")
          .isLessThan(1024);

      live.socket().writeTextMessage(message);

      assertThat(live.awaitClose(WAIT)).isEqualTo((short) 1009);
    }
  }

  @Test
  void aMessageJustUnderTheLimitIsStillRead() {
    try (LiveClient live = connectPerMessageDeflate(newToken())) {
      live.nextOfType("ready", WAIT);

      live.socket().writeTextMessage(subscribeOf(LiveSocket.MAX_MESSAGE_BYTES - 1));

      assertThat(live.nextOfType("subscribed", WAIT).getValue("ids")).isNull();
      assertThat(live.isClosed()).isFalse();
    }
  }
}
