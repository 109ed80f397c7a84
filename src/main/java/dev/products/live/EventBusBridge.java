package dev.products.live;

import dev.products.products.ProductEvents;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SockJS event bus bridge at {@code /eventbus}, for browser and script consumers: out, only the
 * public product event addresses, each event once per socket; in, only requests for the events a
 * client missed ({@link ProductEvents#REPLAY}). Registering, and asking for a replay, take a valid
 * access token in the message's headers ({@code authorization: Bearer <token>}), checked like any
 * bearer token (signature, expiry, account, revocation); the socket closes when a token it
 * registered with expires or is revoked ({@link BridgeSessions}).
 */
public final class EventBusBridge {

  private static final Logger LOG = LoggerFactory.getLogger(EventBusBridge.class);

  public static final String PATH = "/eventbus";

  private EventBusBridge() {}

  public static Router create(Vertx vertx, LiveUpdates live) {
    SocketAuthentication authentication = live.authentication();
    BridgeSessions sessions = live.bridgeSessions();
    SockJSBridgeOptions options =
        new SockJSBridgeOptions()
            .setPingTimeout(60_000)
            // One client holding thousands of registrations is not a subscriber but a leak.
            .setMaxHandlersPerSocket(10)
            .setMaxAddressLength(64);
    ProductEvents.ADDRESSES.forEach(
        address -> options.addOutboundPermitted(new PermittedOptions().setAddress(address)));
    // In: only the replay of missed events, for a signed-in client (checked in guard).
    options.addInboundPermitted(new PermittedOptions().setAddress(ProductEvents.REPLAY));
    // JSONP is for browsers without CORS (IE 7); it runs a caller-named callback, the classic XSS
    // vector, and vertx-web answers a bad callback name with a 500. Every other transport stays.
    return SockJSHandler.create(
            vertx,
            new SockJSHandlerOptions()
                .setRegisterWriteHandler(false)
                .addDisabledTransport(Transport.JSON_P.name()))
        .bridge(options, event -> guard(event, authentication, sessions));
  }

  private static void guard(
      BridgeEvent event, SocketAuthentication authentication, BridgeSessions sessions) {
    if (event.type() == BridgeEventType.SOCKET_CLOSED) {
      sessions.closed(event.socket());
    }
    if (event.type() == BridgeEventType.SOCKET_ERROR) {
      // Mostly a client that went away; vertx-web has logged it already, at ERROR unless it was
      // only that (dev.products.platform.logging.SockJsDisconnects).
      LOG.debug("Bridge socket failed: {}", event.getRawMessage());
    }
    if (event.type() == BridgeEventType.RECEIVE) {
      JsonObject raw = event.getRawMessage();
      JsonObject body = raw == null ? null : raw.getJsonObject("body");
      Long eventId = body == null ? null : body.getLong("event_id");
      event.complete(eventId == null || sessions.firstDelivery(event.socket(), eventId));
      return;
    }
    boolean replay =
        event.type() == BridgeEventType.SEND
            && event.getRawMessage() != null
            && ProductEvents.REPLAY.equals(event.getRawMessage().getString("address"));
    if (event.type() != BridgeEventType.REGISTER && !replay) {
      // Any other send, and every publish, is refused by the inbound list after this.
      event.complete(true);
      return;
    }
    JsonObject headers =
        event.getRawMessage() == null ? null : event.getRawMessage().getJsonObject("headers");
    String authorization = headers == null ? null : headers.getString("authorization");
    String token =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    authentication
        .authenticate(token)
        .onComplete(
            result -> {
              if (result.succeeded() && event.type() == BridgeEventType.REGISTER) {
                sessions.registered(event.socket(), result.result());
              }
              event.complete(result.succeeded());
            });
  }
}
