package dev.products.http;

import dev.products.platform.bus.BusHeaders;
import dev.products.platform.bus.LocalJsonCodec;
import dev.products.platform.logging.LogContext;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends a request's work over the event bus, carrying its request and user ids, with a bounded
 * wait.
 */
public final class BusClient {

  private static final long TIMEOUT_MS = 10_000;

  private final EventBus eventBus;

  public BusClient(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /** To every consumer of the address, on every node of a cluster. */
  public void publish(String address, JsonObject body) {
    eventBus.publish(address, body);
  }

  public Future<JsonObject> request(RoutingContext rc, String address, JsonObject body) {
    DeliveryOptions options =
        LocalJsonCodec.options()
            .setSendTimeout(TIMEOUT_MS)
            .addHeader(BusHeaders.REQUEST_ID, RequestIds.of(rc));
    String userId = LogContext.get(LogContext.USER_ID);
    if (userId != null) {
      options.addHeader(BusHeaders.USER_ID, userId);
    }
    return eventBus.<JsonObject>request(address, body, options).map(Message::body);
  }
}
