package dev.products.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client of {@code /ws/products}: collects messages, remembers how it was closed.
 */
public final class LiveClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket ws;
  private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private LiveClient(WebSocketClient client, ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    // Handlers before connecting: the server may answer (or close) before connect() returns.
    ws.textMessageHandler(text -> messages.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  /** With the token in {@code Sec-WebSocket-Protocol}; null connects without one. */
  public static LiveClient connect(Vertx vertx, int port, String token) {
    return connect(vertx, port, token, new WebSocketClientOptions());
  }

  /** As {@link #connect(Vertx, int, String)}, with client options such as compression. */
  public static LiveClient connect(
      Vertx vertx, int port, String token, WebSocketClientOptions clientOptions) {
    WebSocketClient client = vertx.createWebSocketClient(clientOptions);
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI("/ws/products")
            .addSubProtocol("products.v1");
    if (token != null) {
      options.addSubProtocol("bearer." + token);
    }
    LiveClient live = new LiveClient(client, client.webSocket());
    ((ClientWebSocket) live.ws).connect(options).await();
    return live;
  }

  public WebSocket socket() {
    return ws;
  }

  public void send(JsonObject message) {
    ws.writeTextMessage(message.encode()).await();
  }

  /** The next message, or null if none comes in time. */
  public JsonObject next(Duration within) {
    try {
      return messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next message of this type, skipping others; fails if none comes in time. */
  public JsonObject nextOfType(String type, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (message != null && type.equals(message.getString("type"))) {
        return message;
      }
    }
    throw new AssertionError("no " + type + " message within " + within);
  }

  /** The close code the server sent, waiting for it. */
  public short awaitClose(Duration within) {
    try {
      return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the socket was not closed within " + within, e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      ws.close().await();
    }
    client.close().await();
  }
}
