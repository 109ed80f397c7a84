package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.LiveClient;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox: each committed write records its event in the same statement, the relay numbers and
 * publishes it, and a subscriber hears every acknowledged change once, in event id order.
 */
class ProductEventOutboxTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static Vertx vertx;
  private static TestApp app;
  private static HttpClientSupport owner;
  private static String token;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx, new JsonObject().put("EVENT_RELAY_INTERVAL", "200ms"));
    owner = Accounts.newUser(app.http());
    token = owner.bearer();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  private static LiveClient subscriber() {
    LiveClient live = LiveClient.connect(vertx, app.port(), token);
    live.nextOfType("ready", WAIT);
    return live;
  }

  /** Every product event the socket receives until it has been quiet for {@code quiet}. */
  private static List<JsonObject> eventsUntilQuiet(LiveClient live, Duration quiet) {
    List<JsonObject> events = new ArrayList<>();
    JsonObject message;
    while ((message = live.next(quiet)) != null) {
      if (message.getString("type").startsWith("product.")) {
        events.add(message);
      }
    }
    return events;
  }

  private static List<String> recorded(long productId) {
    List<String> rows = new ArrayList<>();
    for (String row :
        TestDatabase.string(
                "SELECT coalesce(string_agg(type || ':' || version, ',' ORDER BY seq), '')"
                    + " FROM product_events WHERE product_id = "
                    + productId)
            .split(",", -1)) {
      if (!row.isEmpty()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void everyWriteRecordsExactlyOneEventWithTheChange() {
    long id = owner.postJson("/products", Products.valid("Recorded")).json().getLong("id");
    owner.patchJson("/products/" + id, new JsonObject().put("stock", 9));
    owner.delete("/products/" + id);

    assertThat(recorded(id))
        .containsExactly("product.created:1", "product.updated:2", "product.deleted:2");
  }

  @Test
  void aWriteThatIsRefusedRecordsNoEvent() {
    long id = owner.postJson("/products", Products.valid("Guarded")).json().getLong("id");
    MultiMap stale = MultiMap.caseInsensitiveMultiMap().add("If-Match", "\"7\"");

    assertThat(
            owner
                .send(
                    HttpMethod.PATCH,
                    "/products/" + id,
                    "application/json",
                    new JsonObject().put("stock", 1).toBuffer(),
                    stale)
                .status())
        .isEqualTo(412);
    assertThat(
            owner
                .postJson("/products", Products.valid("Nowhere").put("category_id", 999_999_999))
                .status())
        .isEqualTo(422);
    assertThat(recorded(id)).containsExactly("product.created:1");
    assertThat(TestDatabase.count("SELECT count(*) FROM product_events WHERE product_id = 0"))
        .isZero();
  }

  @Test
  void aSubscriberHearsEachWriteOnceWithIncreasingEventIds() throws Exception {
    try (LiveClient live = subscriber()) {
      List<Long> acknowledged = new ArrayList<>();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      try {
        List<Future<Long>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          int n = i;
          writes.add(
              writers.submit(
                  () ->
                      owner
                          .postJson("/products", Products.valid("Burst " + n))
                          .json()
                          .getLong("id")));
        }
        for (Future<Long> write : writes) {
          acknowledged.add(write.get());
        }
      } finally {
        writers.shutdown();
      }

      List<JsonObject> events = eventsUntilQuiet(live, Duration.ofSeconds(2));

      assertThat(events.stream().map(event -> event.getLong("id")))
          .containsExactlyInAnyOrderElementsOf(acknowledged);
      List<Long> eventIds = events.stream().map(event -> event.getLong("event_id")).toList();
      assertThat(eventIds).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void aReplayedCreateRecordsAndPublishesNothingNew() {
    String key = UUID.randomUUID().toString();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", key);
    try (LiveClient live = subscriber()) {
      HttpClientSupport.Reply first =
          owner.send(
              HttpMethod.POST,
              "/products",
              "application/json",
              Products.valid("Once").toBuffer(),
              headers);
      HttpClientSupport.Reply retry =
          owner.send(
              HttpMethod.POST,
              "/products",
              "application/json",
              Products.valid("Once").toBuffer(),
              headers);
      long id = first.json().getLong("id");
      assertThat(retry.json().getLong("id")).isEqualTo(id);

      List<JsonObject> events = eventsUntilQuiet(live, Duration.ofSeconds(2));

      assertThat(events).extracting(event -> event.getLong("id")).containsExactly(id);
      assertThat(recorded(id)).containsExactly("product.created:1");
    }
  }

  @Test
  void anEventNoWriteToldTheRelayAboutIsPublishedAnyway() {
    // As a writer that died between its COMMIT and its word to the relay leaves it.
    long ghost = 9_000_000_000L + System.nanoTime() % 1_000_000;
    try (LiveClient live = subscriber()) {
      TestDatabase.execute(
          "INSERT INTO product_events (type, product_id, version, actor_id) VALUES"
              + " ('product.deleted', "
              + ghost
              + ", 3, 1)");

      JsonObject event = live.nextOfType(ProductEvents.DELETED, WAIT);

      assertThat(event.getLong("id")).isEqualTo(ghost);
      assertThat(event.getInteger("version")).isEqualTo(3);
      assertThat(event.getLong("event_id")).isPositive();
    }
  }

  @Test
  void theRelayRecordsHowFarItHasPublished() {
    long id = owner.postJson("/products", Products.valid("Progress")).json().getLong("id");
    ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();

    dev.products.support.Eventually.eventually(
        WAIT,
        () -> {
          seen.put(
              "event",
              TestDatabase.count(
                  "SELECT coalesce(max(event_id), 0) FROM product_events WHERE product_id = "
                      + id));
          seen.put(
              "published", TestDatabase.count("SELECT published_through FROM product_event_relay"));
          return seen;
        },
        now -> now.get("event") > 0 && now.get("published") >= now.get("event"));
  }
}
