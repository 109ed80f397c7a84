package dev.products.live;

import dev.products.auth.AccountState;
import dev.products.auth.AuthUser;
import dev.products.auth.SessionEvents;
import dev.products.platform.config.LiveConfig;
import dev.products.products.ProductEvent;
import dev.products.products.ProductsBus;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's socket: authenticates (from the handshake or a first {@code auth} message),
 * keeps its product-id filter, writes events with a bounded number in flight, answers for its
 * liveness to pings, and closes itself with a code that tells the client why.
 */
final class LiveSocket {

  static final short BAD_MESSAGE = 4400;
  static final short UNAUTHENTICATED = 4401;
  static final short AUTH_TIMEOUT = 4408;
  static final short TOO_MANY_CONNECTIONS = 4429;
  static final short SLOW_CONSUMER = 1008;
  static final short GOING_AWAY = 1001;
  static final short TOO_BIG = 1009;

  /** Clients send small control messages; the server's own frame and message limit. */
  static final int MAX_MESSAGE_BYTES = 16 * 1024;

  private static final int MAX_FILTER_IDS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
  private long messageBytes;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final LiveConfig config;
  private final SocketAuthentication authentication;
  private final LiveConnections connections;
  private final Runnable onClose;
  private @Nullable AuthUser user;
  private @Nullable Set<Long> ids;
  private int inFlight;

  /**
   * The newest event this socket has been given (or skipped by its filter): repeats are dropped.
   */
  private long lastEventId;

  /** While a resume replays the outbox, live events wait here, then go out past the replay. */
  private @Nullable List<Pending> waiting;

  private final EventReplay replay;
  private long lastHeard = System.currentTimeMillis();
  private long expiryTimer = -1;
  private long authTimer;
  private boolean closed;

  LiveSocket(
      Vertx vertx,
      ServerWebSocket ws,
      LiveConfig config,
      SocketAuthentication authentication,
      LiveConnections connections,
      EventReplay replay,
      Runnable onClose) {
    this.replay = replay;
    this.vertx = vertx;
    this.ws = ws;
    this.config = config;
    this.authentication = authentication;
    this.connections = connections;
    this.onClose = onClose;
  }

  /**
   * @param handshakeToken the token offered in {@code Sec-WebSocket-Protocol}, or null to wait for
   *     an auth message
   */
  void open(@Nullable String handshakeToken) {
    ws.textMessageHandler(this::received);
    ws.binaryMessageHandler(binary -> close(BAD_MESSAGE, "binary messages are not understood"));
    ws.pongHandler(pong -> lastHeard = System.currentTimeMillis());
    ws.frameHandler(this::frame);
    ws.closeHandler(v -> released());
    ws.exceptionHandler(
        failure -> {
          // A frame over the frame limit is refused by the decoder before any handler sees it;
          // without this the connection just drops (1006) and the client never learns why.
          if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            short code = (short) corrupted.closeStatus().code();
            close(
                code,
                code == TOO_BIG
                    ? "messages are at most " + MAX_MESSAGE_BYTES + " bytes"
                    : corrupted.closeStatus().reasonText());
          } else {
            LOG.debug("Live socket failed: {}", failure.getMessage());
          }
        });
    authTimer =
        vertx.setTimer(
            config.authTimeout().toMillis(),
            id -> {
              if (user == null) {
                close(
                    AUTH_TIMEOUT,
                    "no authentication within " + config.authTimeout().toSeconds() + " s");
              }
            });
    if (handshakeToken != null) {
      authenticate(handshakeToken);
    }
  }

  /**
   * Counts the bytes of the message being received, over all its fragments (after decompression):
   * Vert.x drops a message over its limit but keeps the socket, so the peer would never learn; RFC
   * 6455 has a code for it.
   */
  private void frame(WebSocketFrame frame) {
    lastHeard = System.currentTimeMillis();
    WebSocketFrameType type = frame.type();
    if (type != WebSocketFrameType.TEXT
        && type != WebSocketFrameType.BINARY
        && type != WebSocketFrameType.CONTINUATION) {
      return;
    }
    messageBytes = (frame.isContinuation() ? messageBytes : 0) + (long) frame.binaryData().length();
    if (messageBytes > MAX_MESSAGE_BYTES) {
      messageBytes = 0;
      close(TOO_BIG, "messages are at most " + MAX_MESSAGE_BYTES + " bytes");
    } else if (frame.isFinal()) {
      messageBytes = 0;
    }
  }

  private void received(String text) {
    lastHeard = System.currentTimeMillis();
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      close(BAD_MESSAGE, "messages must be JSON objects");
      return;
    }
    String type = message.getValue("type") instanceof String t ? t : "";
    switch (type) {
      case "auth" -> authenticate(message.getValue("token") instanceof String token ? token : null);
      case "subscribe" -> subscribe(message);
      default ->
          close(BAD_MESSAGE, "unknown message type '" + type + "'; expected auth or subscribe");
    }
  }

  /** A first authentication, or a fresh token for the same user before the old one expires. */
  private void authenticate(@Nullable String token) {
    authentication
        .authenticate(token)
        .onComplete(
            result -> {
              if (closed) {
                return;
              }
              if (result.failed()) {
                close(UNAUTHENTICATED, reason(result.cause()));
                return;
              }
              AuthUser authenticated = result.result();
              if (user == null) {
                if (!connections.tryOpen(authenticated.id(), config.maxConnectionsPerUser())) {
                  close(
                      TOO_MANY_CONNECTIONS,
                      "at most " + config.maxConnectionsPerUser() + " live connections per user");
                  return;
                }
                vertx.cancelTimer(authTimer);
                user = authenticated;
                ws.writeTextMessage(
                    new JsonObject()
                        .put("type", "ready")
                        .put("user_id", authenticated.id())
                        .encode());
              } else if (user.id() != authenticated.id()) {
                close(UNAUTHENTICATED, "a socket cannot change user");
                return;
              } else {
                user = authenticated;
              }
              scheduleExpiry(authenticated);
            });
  }

  private void scheduleExpiry(AuthUser authenticated) {
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    long remaining =
        Math.max(1, authenticated.expiresAtEpochSecond() * 1000 - System.currentTimeMillis());
    expiryTimer =
        vertx.setTimer(remaining, id -> close(UNAUTHENTICATED, "the access token has expired"));
  }

  private void subscribe(JsonObject message) {
    if (user == null) {
      close(UNAUTHENTICATED, "authenticate first");
      return;
    }
    Object requested = message.getValue("ids");
    if (requested == null) {
      ids = null;
    } else if (requested instanceof JsonArray array
        && array.size() <= MAX_FILTER_IDS
        && array.stream().allMatch(id -> EventReplay.wholeNumber(id, 1, Long.MAX_VALUE) != null)) {
      Set<Long> wanted = new HashSet<>();
      array.forEach(id -> wanted.add(((Number) id).longValue()));
      ids = wanted;
    } else {
      close(
          BAD_MESSAGE,
          "ids must be null or an array of at most " + MAX_FILTER_IDS + " positive product ids");
      return;
    }
    Object afterGiven = message.getValue("after");
    Long after = afterGiven == null ? null : EventReplay.wholeNumber(afterGiven, 0, Long.MAX_VALUE);
    if (afterGiven != null && after == null) {
      close(BAD_MESSAGE, "after must be null or an event_id (a whole number, 0 or more)");
      return;
    }
    if (after != null && waiting != null) {
      close(BAD_MESSAGE, "a resume is already running on this socket");
      return;
    }
    ws.writeTextMessage(
        new JsonObject()
            .put("type", "subscribed")
            .put("ids", ids == null ? null : new JsonArray(ids.stream().sorted().toList()))
            .put("after", after)
            .encode());
    if (after != null) {
      resume(after);
    }
  }

  /**
   * Replays the outbox after {@code after}, page by page (each written out before the next is
   * read), while live events wait; then sends those the replay did not cover, and goes live. A
   * resume the outbox cannot serve completely is answered with {@code resync}: the subscriber reads
   * the products again, and gets live events from here on.
   */
  private void resume(long after) {
    waiting = new ArrayList<>();
    lastEventId = after;
    replay
        .after(after, EventReplay.MAX_PAGE)
        .onSuccess(
            page -> {
              if (!page.complete(after)) {
                lastEventId = 0;
                ws.writeTextMessage(
                    new JsonObject()
                        .put("type", "resync")
                        .put("after", after)
                        .put(
                            "reason",
                            EventReplay.incomplete(after, page) + ": read the products again")
                        .encode());
                goLive();
              } else {
                replayPage(page);
              }
            })
        .onFailure(
            failure -> close(GOING_AWAY, "the missed events could not be read; resume again"));
  }

  private void replayPage(ProductsBus.EventPage page) {
    if (closed) {
      return;
    }
    Future<Void> written = Future.succeededFuture();
    for (ProductEvent event : page.events()) {
      if (event.eventId() <= lastEventId) {
        continue;
      }
      lastEventId = event.eventId();
      if (ids == null || ids.contains(event.id())) {
        written = ws.writeTextMessage(event.toJson().encode());
      }
    }
    if (page.events().size() < EventReplay.MAX_PAGE) {
      written.onComplete(done -> caughtUp());
      return;
    }
    written
        .compose(done -> replay.after(lastEventId, EventReplay.MAX_PAGE))
        .onSuccess(this::replayPage)
        .onFailure(
            failure -> close(GOING_AWAY, "the missed events could not be read; resume again"));
  }

  private void caughtUp() {
    if (closed) {
      return;
    }
    ws.writeTextMessage(
        new JsonObject().put("type", "caught_up").put("last_event_id", lastEventId).encode());
    goLive();
  }

  private void goLive() {
    List<Pending> held = waiting;
    waiting = null;
    if (held != null) {
      held.forEach(pending -> deliver(pending.eventId(), pending.productId(), pending.encoded()));
    }
  }

  /** A live event held back while a resume replays. */
  private record Pending(long eventId, long productId, String encoded) {}

  /**
   * Event {@code eventId}, of product {@code id}, already encoded; dropped unless this socket wants
   * it, and when it has had it already (a relay that took over sends the last ones again).
   */
  void deliver(long eventId, long id, String encoded) {
    if (user == null || closed) {
      return;
    }
    List<Pending> held = waiting;
    if (held != null) {
      if (held.size() >= config.maxQueuedMessages()) {
        close(
            SLOW_CONSUMER,
            "slow consumer: more than " + config.maxQueuedMessages() + " events waiting");
        return;
      }
      held.add(new Pending(eventId, id, encoded));
      return;
    }
    if (eventId <= lastEventId) {
      return;
    }
    lastEventId = eventId;
    if (ids != null && !ids.contains(id)) {
      return;
    }
    if (inFlight >= config.maxQueuedMessages()) {
      close(
          SLOW_CONSUMER,
          "slow consumer: more than " + config.maxQueuedMessages() + " events waiting");
      return;
    }
    inFlight++;
    ws.writeTextMessage(encoded).onComplete(written -> inFlight--);
  }

  /** Called on the hub's ping tick: a peer silent for two intervals is gone. */
  void ping(long now) {
    if (closed) {
      return;
    }
    if (now - lastHeard > 2 * config.pingInterval().toMillis()) {
      close(GOING_AWAY, "no answer to pings");
      return;
    }
    ws.writePing(Buffer.buffer("ping"));
  }

  /** Re-reads the account, so a change missed by the revocation events still ends the socket. */
  void recheck() {
    if (user == null || closed) {
      return;
    }
    authentication
        .stillValid(user)
        .onComplete(
            result -> {
              if (result.failed() && result.cause() instanceof AccountState.Refused) {
                close(UNAUTHENTICATED, reason(result.cause()));
              }
            });
  }

  /**
   * Sessions ended elsewhere (logout, disabled account, password change), maybe on another node.
   */
  void revoked(SessionEvents.Revoked revoked) {
    if (user != null && revoked.ends(user)) {
      close(UNAUTHENTICATED, revoked.reason());
    }
  }

  void close(short code, String reason) {
    if (closed) {
      return;
    }
    // A close frame carries at most 123 bytes of reason.
    ws.close(code, reason.length() > 100 ? reason.substring(0, 100) : reason);
    released();
  }

  private void released() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(authTimer);
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    if (user != null) {
      connections.closed(user.id());
    }
    onClose.run();
  }

  private static String reason(Throwable failure) {
    return failure instanceof AccountState.Refused refused
        ? refused.reason()
        : "authentication could not be checked; retry";
  }
}
