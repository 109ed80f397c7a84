package dev.products.live;

import dev.products.auth.SessionEvents;
import dev.products.platform.bus.Bus;
import dev.products.platform.config.LiveConfig;
import dev.products.products.ProductEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /ws/products}: live product events for signed-in users. One hub per HTTP verticle
 * consumes the product events (published cluster-wide, so writes on any node arrive) and fans each
 * out to this verticle's sockets, encoded once. Every ping interval it pings each socket, drops
 * peers that stopped answering, and re-checks each account.
 */
public final class LiveUpdates {

  public static final String PATH = "/ws/products";
  public static final String SUBPROTOCOL = "products.v1";
  private static final String TOKEN_PROTOCOL_PREFIX = "bearer.";

  private final Vertx vertx;
  private final LiveConfig config;
  private final SocketAuthentication authentication;
  private final LiveConnections connections;
  private final Set<LiveSocket> sockets = new HashSet<>();
  private final BridgeSessions bridgeSessions;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long ticker = -1;
  private long lastEventId;
  private final EventReplay replay;

  public LiveUpdates(
      Vertx vertx,
      LiveConfig config,
      SocketAuthentication authentication,
      LiveConnections connections,
      Bus bus) {
    this.replay = new EventReplay(bus);
    this.vertx = vertx;
    this.config = config;
    this.authentication = authentication;
    this.connections = connections;
    this.bridgeSessions = new BridgeSessions(vertx, authentication);
  }

  SocketAuthentication authentication() {
    return authentication;
  }

  /** The event bus bridge's subscribers on this verticle, ended by the same events and checks. */
  BridgeSessions bridgeSessions() {
    return bridgeSessions;
  }

  public Future<Void> start() {
    for (String address : ProductEvents.ADDRESSES) {
      consumers.add(
          vertx.eventBus().<JsonObject>consumer(address, message -> fanOut(message.body())));
    }
    // Local: each node answers its own bridge clients from the shared outbox.
    consumers.add(vertx.eventBus().<Object>localConsumer(ProductEvents.REPLAY, replay::answer));
    consumers.add(
        vertx
            .eventBus()
            .<JsonObject>consumer(
                SessionEvents.REVOKED,
                message -> {
                  SessionEvents.Revoked revoked = SessionEvents.Revoked.fromJson(message.body());
                  List.copyOf(sockets).forEach(socket -> socket.revoked(revoked));
                  bridgeSessions.revoked(revoked);
                }));
    ticker =
        vertx.setPeriodic(
            config.pingInterval().toMillis(),
            id -> {
              long now = System.currentTimeMillis();
              List.copyOf(sockets)
                  .forEach(
                      socket -> {
                        socket.ping(now);
                        socket.recheck();
                      });
              bridgeSessions.recheck();
            });
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  /**
   * Sends an event to this verticle's sockets, once: the relay publishes in event id order, and one
   * that takes over from a dead one starts again from the last progress it recorded, so an id not
   * above the newest one heard is a repeat.
   */
  private void fanOut(JsonObject event) {
    long eventId = event.getLong("event_id", 0L);
    if (eventId <= lastEventId) {
      return;
    }
    lastEventId = eventId;
    if (sockets.isEmpty()) {
      return;
    }
    long id = event.getLong("id");
    String encoded = event.encode();
    List.copyOf(sockets).forEach(socket -> socket.deliver(eventId, id, encoded));
  }

  /**
   * The route handler: upgrades, then the socket authenticates from the handshake or its first
   * message.
   */
  public void upgrade(RoutingContext rc) {
    String handshakeToken = tokenOffered(rc.request().getHeader("Sec-WebSocket-Protocol"));
    rc.request()
        .toWebSocket()
        .onSuccess(
            ws -> {
              LiveSocket[] self = new LiveSocket[1];
              self[0] =
                  new LiveSocket(
                      vertx,
                      ws,
                      config,
                      authentication,
                      connections,
                      replay,
                      () -> sockets.remove(self[0]));
              sockets.add(self[0]);
              self[0].open(handshakeToken);
            })
        .onFailure(rc::fail);
  }

  /** {@code Sec-WebSocket-Protocol: products.v1, bearer.<token>} → the token. */
  static @Nullable String tokenOffered(@Nullable String protocols) {
    if (protocols == null) {
      return null;
    }
    for (String protocol : protocols.split(",", -1)) {
      String trimmed = protocol.trim();
      if (trimmed.startsWith(TOKEN_PROTOCOL_PREFIX)) {
        return trimmed.substring(TOKEN_PROTOCOL_PREFIX.length());
      }
    }
    return null;
  }

  /** Before the server drains: every subscriber is told the instance is going away. */
  public Future<Void> close() {
    if (ticker >= 0) {
      vertx.cancelTimer(ticker);
    }
    List.copyOf(sockets)
        .forEach(socket -> socket.close(LiveSocket.GOING_AWAY, "the server is shutting down"));
    bridgeSessions.closeAll();
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
