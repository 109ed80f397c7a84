package dev.products.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the SockJS event bus bridge over its raw WebSocket endpoint ({@code
 * /eventbus/websocket}), speaking the bridge's JSON frames as the JavaScript client does.
 */
public final class BridgeClient implements AutoCloseable {

  private final WebSocketClient client;
  private final ClientWebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private BridgeClient(WebSocketClient client) {
    this.client = client;
    this.ws = client.webSocket();
    // The raw endpoint writes binary frames; both kinds carry the same JSON.
    ws.handler(data -> frames.add(data.toJsonObject()));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  public static BridgeClient connect(Vertx vertx, int port) {
    BridgeClient bridge = new BridgeClient(vertx.createWebSocketClient());
    bridge
        .ws
        .connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/eventbus/websocket"))
        .await();
    return bridge;
  }

  /**
   * Registers for an address.
   *
   * @param token sent as {@code authorization: Bearer <token>} in the register headers; null sends
   *     none
   */
  public void register(String address, String token) {
    JsonObject frame = new JsonObject().put("type", "register").put("address", address);
    if (token != null) {
      frame.put("headers", new JsonObject().put("authorization", "Bearer " + token));
    }
    ws.writeTextMessage(frame.encode()).await();
  }

  public void send(String address, JsonObject body) {
    send(address, body, null);
  }

  /** A request; the reply is a {@code rec} frame, a failure an {@code err} frame. */
  public void send(String address, JsonObject body, String token) {
    JsonObject frame =
        new JsonObject()
            .put("type", "send")
            .put("address", address)
            .put("body", body)
            .put("replyAddress", "reply-" + System.nanoTime());
    if (token != null) {
      frame.put("headers", new JsonObject().put("authorization", "Bearer " + token));
    }
    ws.writeTextMessage(frame.encode()).await();
  }

  /**
   * The next frame of this type ({@code rec}, {@code err}), skipping pongs and others; null if none
   * in time.
   */
  public JsonObject next(String type, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        JsonObject frame =
            frames.poll(
                Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        if (frame != null && type.equals(frame.getString("type"))) {
          return frame;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** The status the server closed the socket with; fails if it stays open that long. */
  public short awaitClose(Duration within) {
    try {
      return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the bridge socket was not closed within " + within, e);
    }
  }

  @Override
  public void close() {
    if (closed.isDone()) {
      client.close().await();
      return;
    }
    ws.close().await();
    client.close().await();
  }
}
