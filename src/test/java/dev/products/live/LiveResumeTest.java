package dev.products.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.jobs.HousekeepingBus;
import dev.products.products.ProductEvents;
import dev.products.support.Accounts;
import dev.products.support.BridgeClient;
import dev.products.support.HttpClientSupport;
import dev.products.support.LiveClient;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestBus;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that was away says which event it saw last ({@code "after"}) and gets what it missed
 * from the outbox, then live events: every acknowledged change once.
 */
class LiveResumeTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(1500);
  private static Vertx vertx;
  private static TestApp app;
  private static HttpClientSupport owner;
  private static String token;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx);
    owner = Accounts.newUser(app.http());
    token = owner.bearer();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  private static LiveClient connected() {
    LiveClient live = LiveClient.connect(vertx, app.port(), token);
    live.nextOfType("ready", WAIT);
    return live;
  }

  private static long create(String name) {
    return owner.postJson("/products", Products.valid(name)).json().getLong("id");
  }

  /** Every message the socket receives until it is quiet. */
  private static List<JsonObject> untilQuiet(LiveClient live) {
    List<JsonObject> messages = new ArrayList<>();
    JsonObject message;
    while ((message = live.next(QUIET)) != null) {
      messages.add(message);
    }
    return messages;
  }

  private static List<Long> productIds(List<JsonObject> messages) {
    return messages.stream()
        .filter(message -> message.getString("type").startsWith("product."))
        .map(message -> message.getLong("id"))
        .toList();
  }

  @Test
  void aSubscriberThatResumesGetsWhatItMissedThenLiveEventsEachOnce() {
    long seenLast;
    long first;
    try (LiveClient live = connected()) {
      first = create("Seen");
      JsonObject event = live.nextOfType(ProductEvents.CREATED, WAIT);
      assertThat(event.getLong("id")).isEqualTo(first);
      seenLast = event.getLong("event_id");
    }
    long missedOne = create("Missed one");
    long missedTwo = create("Missed two");

    try (LiveClient live = connected()) {
      live.send(new JsonObject().put("type", "subscribe").put("ids", null).put("after", seenLast));
      JsonObject subscribed = live.nextOfType("subscribed", WAIT);
      assertThat(subscribed.getLong("after")).isEqualTo(seenLast);
      List<JsonObject> replayed = new ArrayList<>();
      JsonObject message = live.next(WAIT);
      while (!"caught_up".equals(message.getString("type"))) {
        replayed.add(message);
        message = live.next(WAIT);
      }
      long caughtUpTo = message.getLong("last_event_id");
      long afterwards = create("Live again");
      List<JsonObject> live1 = untilQuiet(live);

      assertThat(productIds(replayed)).containsExactly(missedOne, missedTwo);
      assertThat(replayed).allMatch(event -> event.getLong("event_id") > seenLast);
      assertThat(caughtUpTo).isEqualTo(replayed.get(1).getLong("event_id"));
      assertThat(productIds(live1)).containsExactly(afterwards);
    }
  }

  @Test
  void aResumeKeepsToTheProductsTheSubscriberFollows() {
    long before = latestEventId();
    long followed = create("Followed");
    create("Ignored");
    owner.patchJson("/products/" + followed, new JsonObject().put("stock", 1));

    try (LiveClient live = connected()) {
      live.send(
          new JsonObject()
              .put("type", "subscribe")
              .put("ids", new JsonArray().add(followed))
              .put("after", before));
      List<JsonObject> messages = untilQuiet(live);

      assertThat(productIds(messages)).containsExactly(followed, followed);
      assertThat(messages.get(messages.size() - 1).getString("type")).isEqualTo("caught_up");
    }
  }

  @Test
  void aResumeFromEventsRetentionHasDeletedIsToldToReadTheProductsAgain() {
    long before = latestEventId();
    create("Soon forgotten");
    awaitPublished();
    // Housekeeping of an instance that keeps events for a millisecond (its own Vert.x, so the
    // request reaches its upkeep verticle and not this app's).
    Vertx elsewhere = Vertx.vertx();
    try (TestApp forgetful =
        TestApp.start(elsewhere, new JsonObject().put("EVENT_RETENTION", "1ms"))) {
      JsonObject purged =
          TestBus.on(elsewhere)
              .request(HousekeepingBus.PURGE_EXPIRED, new HousekeepingBus.PurgeExpired())
              .await()
              .toJson();
      assertThat(purged.getLong("product_events")).isPositive();
    } finally {
      elsewhere.close().await();
    }

    try (LiveClient live = connected()) {
      live.send(new JsonObject().put("type", "subscribe").put("after", before));
      JsonObject resync = live.nextOfType("resync", WAIT);
      long afterwards = create("After the gap");

      assertThat(resync.getLong("after")).isEqualTo(before);
      assertThat(resync.getString("reason")).contains("no longer kept");
      assertThat(productIds(untilQuiet(live))).containsExactly(afterwards);
    }
  }

  @Test
  void aResumeAfterAnEventThatNeverWasIsToldToReadTheProductsAgain() {
    try (LiveClient live = connected()) {
      live.send(new JsonObject().put("type", "subscribe").put("after", latestEventId() + 1000));

      assertThat(live.nextOfType("resync", WAIT).getString("reason")).contains("newer than any");
    }
  }

  @Test
  void anAfterWrittenAsAWholeDecimalIsTheSameEventId() {
    long before = latestEventId();
    long missed = create("Asked for with a decimal");
    try (LiveClient live = connected()) {
      live.send(new JsonObject().put("type", "subscribe").put("after", (double) before));

      assertThat(productIds(untilQuiet(live))).containsExactly(missed);
    }
  }

  @Test
  void anAfterThatIsNotAnEventIdClosesTheSocket() {
    for (Object bad : List.of(-1, "12", 1.5, new JsonArray())) {
      try (LiveClient live = connected()) {
        live.send(new JsonObject().put("type", "subscribe").put("after", bad));

        assertThat(live.awaitClose(WAIT)).as("after = %s", bad).isEqualTo((short) 4400);
      }
    }
  }

  @Test
  void aBridgeClientAsksForWhatItMissed() {
    long before = latestEventId();
    long missed = create("Missed on the bridge");
    awaitPublished();
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.send(ProductEvents.REPLAY, new JsonObject().put("after", before), token);

      JsonObject reply = bridge.next("rec", WAIT).getJsonObject("body");
      JsonArray events = reply.getJsonArray("events");
      assertThat(events).hasSize(1);
      assertThat(events.getJsonObject(0).getLong("id")).isEqualTo(missed);
      assertThat(reply.getLong("last_event_id"))
          .isEqualTo(events.getJsonObject(0).getLong("event_id"));
      assertThat(reply.getBoolean("more")).isFalse();
    }
  }

  @Test
  void aBridgeReplayNeedsAValidTokenAndAnEventId() {
    try (BridgeClient bridge = BridgeClient.connect(vertx, app.port())) {
      bridge.send(ProductEvents.REPLAY, new JsonObject().put("after", 0), null);
      assertThat(bridge.next("err", WAIT).getString("body")).isEqualTo("rejected");

      bridge.send(ProductEvents.REPLAY, new JsonObject().put("after", "latest"), token);
      JsonObject refused = bridge.next("err", WAIT);
      assertThat(refused.getInteger("failureCode")).isEqualTo(400);
    }
  }

  private static long latestEventId() {
    awaitPublished();
    return TestDatabase.count("SELECT published_through FROM product_event_relay");
  }

  /** Until every recorded event has been numbered and published. */
  private static void awaitPublished() {
    dev.products.support.Eventually.eventually(
        WAIT,
        () ->
            TestDatabase.count(
                "SELECT count(*) FROM product_events WHERE event_id IS NULL"
                    + " OR event_id > (SELECT published_through FROM product_event_relay)"),
        pending -> pending == 0);
  }
}
