package dev.products.live;

import dev.products.auth.AccountState;
import dev.products.auth.AuthUser;
import dev.products.auth.SessionEvents;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens behind each bridge socket's registrations, so a bridge subscriber ends like a {@code
 * /ws/products} one: its socket closes when a token it registered with expires, is revoked (logout,
 * password change or reset, a disabled account, on any node), or no longer passes the periodic
 * re-check. A SockJS socket carries no per-registration close, so the whole socket closes; the
 * client reconnects with a good token. One per HTTP verticle, used on its event loop only.
 */
final class BridgeSessions {

  /** The WebSocket status SockJS clients see: the same 4401 {@code /ws/products} closes with. */
  static final int UNAUTHENTICATED = LiveSocket.UNAUTHENTICATED;

  private final Vertx vertx;
  private final SocketAuthentication authentication;
  private final Map<SockJSSocket, Held> sockets = new HashMap<>();
  private final Map<SockJSSocket, Long> lastEventIds = new HashMap<>();

  private record Held(List<AuthUser> holders, List<Long> timers) {}

  BridgeSessions(Vertx vertx, SocketAuthentication authentication) {
    this.vertx = vertx;
    this.authentication = authentication;
  }

  /** A registration accepted with this holder's token. */
  void registered(SockJSSocket socket, AuthUser holder) {
    Held held =
        sockets.computeIfAbsent(socket, s -> new Held(new ArrayList<>(), new ArrayList<>()));
    if (held.holders().stream().anyMatch(known -> known.jti().equals(holder.jti()))) {
      return;
    }
    held.holders().add(holder);
    long remaining = Math.max(1, holder.expiresAtEpochSecond() * 1000 - System.currentTimeMillis());
    held.timers()
        .add(vertx.setTimer(remaining, id -> close(socket, "the access token has expired")));
  }

  /**
   * Whether event {@code eventId} is new to this socket: the relay publishes in id order, and one
   * that takes over from a dead one repeats the last few.
   */
  boolean firstDelivery(SockJSSocket socket, long eventId) {
    Long last = lastEventIds.get(socket);
    if (last != null && eventId <= last) {
      return false;
    }
    lastEventIds.put(socket, eventId);
    return true;
  }

  /** The socket is gone (closed by either side). */
  void closed(SockJSSocket socket) {
    lastEventIds.remove(socket);
    Held held = sockets.remove(socket);
    if (held != null) {
      held.timers().forEach(vertx::cancelTimer);
    }
  }

  void revoked(SessionEvents.Revoked revoked) {
    Map.copyOf(sockets)
        .forEach(
            (socket, held) -> {
              if (held.holders().stream().anyMatch(revoked::ends)) {
                close(socket, revoked.reason());
              }
            });
  }

  /** Re-reads each account, so a change missed by the revocation events still ends the socket. */
  void recheck() {
    Map.copyOf(sockets)
        .forEach(
            (socket, held) ->
                List.copyOf(held.holders())
                    .forEach(
                        holder ->
                            authentication
                                .stillValid(holder)
                                .onFailure(
                                    failure -> {
                                      if (failure instanceof AccountState.Refused refused) {
                                        close(socket, refused.reason());
                                      }
                                    })));
  }

  /** Before the server drains. */
  void closeAll() {
    Map.copyOf(sockets)
        .keySet()
        .forEach(socket -> socket.close(LiveSocket.GOING_AWAY, "the server is shutting down"));
  }

  private void close(SockJSSocket socket, String reason) {
    if (sockets.containsKey(socket)) {
      closed(socket);
      socket.close(UNAUTHENTICATED, reason);
    }
  }
}
