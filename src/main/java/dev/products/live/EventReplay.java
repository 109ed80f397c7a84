package dev.products.live;

import dev.products.platform.bus.Bus;
import dev.products.products.ProductEvents;
import dev.products.products.ProductsBus;
import dev.products.products.ProductsBus.EventPage;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * What a subscriber missed, from the outbox through the products store: the events after the last
 * {@code event_id} it saw. For WebSocket subscribers ({@link LiveSocket}) and, as {@link
 * ProductEvents#REPLAY}, for bridge clients.
 */
final class EventReplay {

  static final int MAX_PAGE = 500;
  static final int GONE = 410;
  static final int BAD_REQUEST = 400;

  private final Bus bus;

  EventReplay(Bus bus) {
    this.bus = bus;
  }

  Future<EventPage> after(long after, int limit) {
    return bus.request(ProductsBus.EVENTS_AFTER, new ProductsBus.EventsAfter(after, limit));
  }

  /** Why a resume after {@code after} cannot be complete, for the subscriber. */
  static String incomplete(long after, EventPage page) {
    return after > page.newest()
        ? "event " + after + " is newer than any event (newest: " + page.newest() + ")"
        : "events up to " + page.purgedThrough() + " are no longer kept (EVENT_RETENTION)";
  }

  /**
   * A bridge client's {@code {"after": N, "limit": L}}: one page, or a failure with 400 (a bad
   * request) or 410 (the events after N are no longer all kept: read the products again).
   */
  void answer(Message<Object> request) {
    Object body = request.body();
    JsonObject asked = body instanceof JsonObject json ? json : new JsonObject();
    @Nullable Long after = wholeNumber(asked.getValue("after"), 0, Long.MAX_VALUE);
    Object limitGiven = asked.getValue("limit");
    @Nullable Long limit = limitGiven == null ? MAX_PAGE : wholeNumber(limitGiven, 1, MAX_PAGE);
    if (!(body instanceof JsonObject) || after == null || limit == null) {
      request.fail(
          BAD_REQUEST,
          "expected {\"after\": <event_id, 0 or more>, \"limit\": <1 to " + MAX_PAGE + ">}");
      return;
    }
    long from = after;
    int most = limit.intValue();
    after(from, most)
        .onSuccess(
            page -> {
              if (!page.complete(from)) {
                request.fail(GONE, incomplete(from, page) + ": read the products again");
                return;
              }
              JsonArray events = new JsonArray();
              page.events().forEach(event -> events.add(event.toJson()));
              long last =
                  page.events().isEmpty()
                      ? from
                      : page.events().get(page.events().size() - 1).eventId();
              request.reply(
                  new JsonObject()
                      .put("events", events)
                      .put("last_event_id", last)
                      .put("more", page.events().size() == most));
            })
        .onFailure(failure -> request.fail(503, "the events could not be read; retry"));
  }

  /**
   * {@code value} as a whole number within the bounds, or null: 42 and 42.0 are the same JSON
   * integer (as the product-id filter always took them); fractions and numbers beyond a long are
   * not.
   */
  static @Nullable Long wholeNumber(@Nullable Object value, long min, long max) {
    if (value instanceof Number n
        && n.doubleValue() == n.longValue()
        && n.longValue() >= min
        && n.longValue() <= max) {
      return n.longValue();
    }
    return null;
  }
}
