package dev.products.platform.cluster;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.ClusterConfig;
import dev.products.products.ProductEvents;
import dev.products.support.Accounts;
import dev.products.support.BridgeClient;
import dev.products.support.HttpClientSupport;
import dev.products.support.LiveClient;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestCluster;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes of a real Hazelcast cluster: domain events cross nodes; request/reply does not. */
class ClusterEventsTest {

  private static TestCluster cluster;
  private static HttpClientSupport writerOnA;
  private static String writerEmail;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(2, new JsonObject());
    writerEmail = Accounts.uniqueEmail();
    Accounts.register(cluster.app(0).http(), writerEmail);
    writerOnA =
        cluster
            .app(0)
            .http()
            .as(
                Accounts.login(cluster.app(0).http(), writerEmail, Accounts.PASSWORD)
                    .getString("access_token"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static List<JsonObject> listenOnB(String address) {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    cluster
        .node(1)
        .eventBus()
        .<JsonObject>consumer(address, message -> received.add(message.body()))
        .completion()
        .await();
    return received;
  }

  /**
   * A Vert.x service of someone else's that joins the cluster, with no codec of this service's: it
   * decodes every product event, whichever node relays it.
   */
  @Test
  void aForeignVertxNodeInTheClusterReceivesTheEventsAsPlainJson() {
    Vertx foreign =
        ClusteredVertx.start(
                new VertxOptions(),
                new ClusterConfig(true, "127.0.0.1", TestApp.freePort(), 0, cluster.members()))
            .await();
    try {
      List<JsonObject> received = new CopyOnWriteArrayList<>();
      foreign
          .eventBus()
          .<JsonObject>consumer(ProductEvents.CREATED, message -> received.add(message.body()))
          .completion()
          .await();
      eventually(
          Duration.ofSeconds(30),
          () -> {
            writerOnA.postJson("/products", Products.valid("Heard abroad"));
            return received.size();
          },
          count -> count > 0);

      assertThat(received.get(0).getString("type")).isEqualTo(ProductEvents.CREATED);
      assertThat(received.get(0).getLong("event_id")).isPositive();
    } finally {
      foreign.close().await();
    }
  }

  @Test
  void aWriteOnOneNodeIsPublishedToConsumersOnTheOther() {
    List<JsonObject> created = listenOnB(ProductEvents.CREATED);
    List<JsonObject> updated = listenOnB(ProductEvents.UPDATED);
    List<JsonObject> deleted = listenOnB(ProductEvents.DELETED);
    long userId = writerOnA.get("/users/me").json().getLong("id");

    long id = writerOnA.postJson("/products", Products.valid("Clustered")).json().getLong("id");
    writerOnA.patchJson("/products/" + id, new JsonObject().put("stock", 9));
    writerOnA.delete("/products/" + id);

    JsonObject createdEvent =
        eventually(
            Duration.ofSeconds(10),
            () -> created.stream().filter(e -> e.getLong("id") == id).findFirst().orElse(null),
            e -> e != null);
    assertThat(createdEvent.getString("type")).isEqualTo("product.created");
    assertThat(createdEvent.getInteger("version")).isEqualTo(1);
    assertThat(createdEvent.getJsonObject("product").getString("name")).isEqualTo("Clustered");
    assertThat(createdEvent.getLong("actor_id")).isEqualTo(userId);
    assertThat(createdEvent.getString("occurred_at")).isNotBlank();
    JsonObject updatedEvent =
        eventually(
            Duration.ofSeconds(10),
            () -> updated.stream().filter(e -> e.getLong("id") == id).findFirst().orElse(null),
            e -> e != null);
    assertThat(updatedEvent.getInteger("version")).isEqualTo(2);
    assertThat(updatedEvent.getJsonObject("product").getInteger("stock")).isEqualTo(9);
    JsonObject deletedEvent =
        eventually(
            Duration.ofSeconds(10),
            () -> deleted.stream().filter(e -> e.getLong("id") == id).findFirst().orElse(null),
            e -> e != null);
    assertThat(deletedEvent.getInteger("version")).isEqualTo(2);
    assertThat(deletedEvent.getValue("product")).isNull();
  }

  @Test
  void aWebSocketSubscriberOnOneNodeSeesWritesMadeOnTheOther() {
    String token =
        Accounts.login(cluster.app(0).http(), writerEmail, Accounts.PASSWORD)
            .getString("access_token");
    try (LiveClient live = LiveClient.connect(cluster.node(1), cluster.app(1).port(), token)) {
      live.nextOfType("ready", Duration.ofSeconds(10));

      long id = writerOnA.postJson("/products", Products.valid("Seen on B")).json().getLong("id");

      JsonObject event = live.nextOfType(ProductEvents.CREATED, Duration.ofSeconds(10));
      assertThat(event.getLong("id")).isEqualTo(id);
    }
  }

  @Test
  void aBridgeConsumerOnOneNodeSeesWritesMadeOnTheOther() {
    String token =
        Accounts.login(cluster.app(0).http(), writerEmail, Accounts.PASSWORD)
            .getString("access_token");
    try (BridgeClient bridge = BridgeClient.connect(cluster.node(1), cluster.app(1).port())) {
      bridge.register(ProductEvents.UPDATED, token);
      long id =
          writerOnA.postJson("/products", Products.valid("Bridged across")).json().getLong("id");
      assertThat(bridge.next("err", Duration.ofMillis(500))).isNull();

      writerOnA.patchJson("/products/" + id, new JsonObject().put("stock", 4));

      JsonObject received = bridge.next("rec", Duration.ofSeconds(10));
      assertThat(received.getJsonObject("body").getLong("id")).isEqualTo(id);
      assertThat(received.getJsonObject("body").getJsonObject("product").getInteger("stock"))
          .isEqualTo(4);
    }
  }

  @Test
  void readinessReportsTheClusterAndItsMembers() {
    JsonObject health = cluster.app(0).http().get("/health").json();

    JsonObject check =
        health.getJsonArray("checks").stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("id").equals("cluster"))
            .findFirst()
            .orElseThrow();
    assertThat(check.getString("status")).isEqualTo("UP");
    assertThat(check.getJsonObject("data").getInteger("members")).isEqualTo(2);
  }

  @Test
  void theMetricsShowTheMemberCount() {
    String metrics = cluster.app(1).http().get("/metrics").text();

    assertThat(metrics).containsPattern("(?m)^cluster_members(\\{[^}]*})? 2\\.0$");
  }

  @Test
  void repositoryRequestsAreAnsweredOnTheNodeThatAsked() {
    // Each node deploys its own repository; a write on B is read back on B with no remote hop,
    // and the two nodes agree because they share the database, not because one asks the other.
    HttpClientSupport writerOnB = Accounts.newUser(cluster.app(1).http());
    long id = writerOnB.postJson("/products", Products.valid("On B")).json().getLong("id");

    assertThat(cluster.app(0).http().get("/products/" + id).json().getString("name"))
        .isEqualTo("On B");
  }

  @Test
  void aPasswordChangedOnOneNodeEndsTheUsersOtherSessionsOnTheOther() {
    HttpClientSupport onA = cluster.app(0).http();
    HttpClientSupport onB = cluster.app(1).http();
    String email = Accounts.uniqueEmail();
    Accounts.register(onA, email);
    String changer = Accounts.login(onA, email, Accounts.PASSWORD).getString("access_token");
    String other = Accounts.login(onB, email, Accounts.PASSWORD).getString("access_token");
    try (LiveClient live = LiveClient.connect(cluster.node(1), cluster.app(1).port(), other);
        BridgeClient bridge = BridgeClient.connect(cluster.node(1), cluster.app(1).port())) {
      live.nextOfType("ready", Duration.ofSeconds(10));
      bridge.register(ProductEvents.CREATED, other);
      assertThat(bridge.next("err", Duration.ofMillis(500))).isNull();

      assertThat(
              onA.as(changer)
                  .postJson(
                      "/users/me/password",
                      new JsonObject()
                          .put("current_password", Accounts.PASSWORD)
                          .put("new_password", "Changed-" + java.util.UUID.randomUUID()))
                  .status())
          .isEqualTo(204);

      assertThat(live.awaitClose(Duration.ofSeconds(10))).isEqualTo((short) 4401);
      assertThat(bridge.awaitClose(Duration.ofSeconds(10))).isEqualTo((short) 4401);
      assertThat(onB.as(other).get("/users/me").status()).isEqualTo(401);
      assertThat(onB.as(changer).get("/users/me").status()).isEqualTo(200);
    }
  }

  @Test
  void aRefreshTokenReusedOnOneNodeEndsItsSessionOnTheOther() {
    HttpClientSupport onA = cluster.app(0).http();
    HttpClientSupport onB = cluster.app(1).http();
    String email = Accounts.uniqueEmail();
    Accounts.register(onA, email);
    JsonObject login = Accounts.login(onA, email, Accounts.PASSWORD);
    String access = login.getString("access_token");
    try (LiveClient live = LiveClient.connect(cluster.node(1), cluster.app(1).port(), access)) {
      live.nextOfType("ready", Duration.ofSeconds(10));
      JsonObject presented =
          new JsonObject().put("refresh_token", login.getString("refresh_token"));
      assertThat(onA.postJson("/auth/refresh", presented).status()).isEqualTo(200);

      assertThat(onA.postJson("/auth/refresh", presented).status()).isEqualTo(401);

      assertThat(live.awaitClose(Duration.ofSeconds(10))).isEqualTo((short) 4401);
      assertThat(onB.as(access).get("/users/me").status()).isEqualTo(401);
    }
  }
}
