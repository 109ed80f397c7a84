package dev.products.platform.cluster;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.LiveClient;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import dev.products.support.TestRedis;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes as real processes of the service, clustered. The node that relays the product events
 * dies between a write's COMMIT and anything else (a test-only fault: {@code
 * -Dproducts.test.halt-after-commit}); the client retries the write on the other node, which takes
 * the relay over. Every acknowledged change reaches subscribers exactly once: one that stayed
 * connected, and one that was away and resumed after the last event it had seen.
 */
class EventRelayFailoverTest {

  private static final String SECRET = "event-relay-failover-test-secret-0123456789ab";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path workDir;

  private final List<Node> nodes = new ArrayList<>();
  private final Vertx client = Vertx.vertx();

  /** One process of the service. */
  private final class Node {
    final String name;
    final int httpPort = TestApp.freePort();
    final int clusterPort;
    final List<String> jvmFlags;
    Process process;
    private HttpClientSupport http;

    Node(String name, int clusterPort, List<String> jvmFlags) {
      this.name = name;
      this.clusterPort = clusterPort;
      this.jvmFlags = jvmFlags;
    }

    void start(Map<String, String> env) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC"));
      command.addAll(jvmFlags);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.products.Main"));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
      builder
          .environment()
          .keySet()
          .removeIf(
              key ->
                  key.startsWith("HTTP_")
                      || key.startsWith("CLUSTER_")
                      || key.startsWith("EVENT_")
                      || key.equals("DATABASE_URL")
                      || key.equals("REDIS_URL")
                      || key.equals("APP_PROFILE"));
      builder.environment().putAll(env);
      builder.environment().put("HTTP_PORT", String.valueOf(httpPort));
      builder.environment().put("CLUSTER_PORT", String.valueOf(clusterPort));
      process = builder.start();
    }

    Path log() {
      return workDir.resolve(name + ".log");
    }

    HttpClientSupport http() {
      if (http == null) {
        http = TestApp.httpClient(client, httpPort);
      }
      return http;
    }

    int members() {
      try {
        HttpClientSupport.Reply health = http().get("/health");
        if (health.status() != 200) {
          return -1;
        }
        return health.json().getJsonArray("checks").stream()
            .map(JsonObject.class::cast)
            .filter(check -> check.getString("id").equals("cluster"))
            .mapToInt(check -> check.getJsonObject("data").getInteger("members"))
            .findFirst()
            .orElse(-1);
      } catch (Exception notUp) {
        return -1;
      }
    }

    boolean relays() {
      return http()
          .get("/metrics")
          .text()
          .lines()
          .anyMatch(line -> line.startsWith("product_event_relay_active 1"));
    }
  }

  @AfterEach
  void stopAll() throws IOException {
    for (Node node : nodes) {
      if (node.process != null && node.process.isAlive()) {
        node.process.destroyForcibly();
      }
    }
    client.close().await();
    for (Node node : nodes) {
      if (Files.exists(node.log())) {
        System.out.println(
            "---- "
                + node.name
                + " warnings and errors\n"
                + Files.readString(node.log(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(
                        line ->
                            line.contains(" WARN ")
                                || line.contains(" ERROR ")
                                || line.contains("relays"))
                    .collect(Collectors.joining("\n")));
      }
    }
  }

  private Map<String, String> environment(String members) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", TestDatabase.url().toUri());
    env.put("REDIS_URL", TestRedis.url().connectionString());
    env.put("REDIS_KEY_PREFIX", TestRedis.uniquePrefix());
    env.put("JWT_SECRET", SECRET);
    env.put("DATA_DIR", workDir.resolve("data").toString());
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_INSTANCES", "1");
    env.put("CLUSTER_ENABLED", "true");
    env.put("CLUSTER_HOST", "127.0.0.1");
    env.put("CLUSTER_MEMBERS", members);
    env.put("EVENT_RELAY_INTERVAL", "500ms");
    env.put("JOB_CONCURRENCY", "0");
    env.put("RATE_LIMIT_PER_IP", "1000000");
    env.put("RATE_LIMIT_LOGIN_PER_IP", "100000");
    env.put("RATE_LIMIT_LOGIN_PER_ACCOUNT", "100000");
    return env;
  }

  /** {@code POST /products} under an Idempotency-Key, on {@code node}. */
  private static HttpClientSupport.Reply createOnce(
      Node node, String token, JsonObject body, String key) {
    return node.http()
        .as(token)
        .send(
            HttpMethod.POST,
            "/products",
            "application/json",
            body.toBuffer(),
            MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", key));
  }

  @Test
  void aRelayDyingBetweenCommitAndPublicationLosesAndRepeatsNoEventForAnySubscriber()
      throws Exception {
    int portA = TestApp.freePort();
    int portB = TestApp.freePort();
    Map<String, String> env = environment("127.0.0.1:" + portA + ",127.0.0.1:" + portB);
    Node doomed = new Node("node-a", portA, List.of("-Dproducts.test.halt-after-commit=true"));
    Node survivor = new Node("node-b", portB, List.of());
    nodes.add(doomed);
    nodes.add(survivor);
    // The doomed node first, so it is the one that takes the relay.
    doomed.start(env);
    eventually(WAIT, doomed::members, members -> members == 1);
    survivor.start(env);
    eventually(WAIT, survivor::members, members -> members == 2);
    eventually(WAIT, doomed::members, members -> members == 2);
    assertThat(doomed.relays()).isTrue();
    assertThat(survivor.relays()).isFalse();

    HttpClientSupport writer = Accounts.newUser(survivor.http());
    String token = writer.bearer();
    List<JsonObject> heardThroughout = new CopyOnWriteArrayList<>();
    try (LiveClient throughout = LiveClient.connect(client, survivor.httpPort, token)) {
      throughout.nextOfType("ready", WAIT);
      throughout
          .socket()
          .textMessageHandler(
              text -> {
                JsonObject message = new JsonObject(text);
                if (message.getString("type").startsWith("product.")) {
                  heardThroughout.add(message);
                }
              });
      List<Long> acknowledged = new ArrayList<>();
      long lastSeenByResumer;
      try (LiveClient away = LiveClient.connect(client, survivor.httpPort, token)) {
        away.nextOfType("ready", WAIT);
        for (int i = 0; i < 3; i++) {
          acknowledged.add(
              writer.postJson("/products", Products.valid("before " + i)).json().getLong("id"));
        }
        JsonObject seen = null;
        for (int i = 0; i < 3; i++) {
          seen = away.nextOfType("product.created", WAIT);
        }
        lastSeenByResumer = seen.getLong("event_id");
      }

      // The write reaches the relaying node, which commits it and dies before answering.
      String key = UUID.randomUUID().toString();
      JsonObject body = Products.valid("committed by the dead");
      boolean answered;
      try {
        createOnce(doomed, token, body, key);
        answered = true;
      } catch (Exception connectionLost) {
        answered = false;
      }
      assertThat(answered).as("the doomed node answered").isFalse();
      assertThat(doomed.process.waitFor()).isEqualTo(137);

      // The client retries on the survivor: the same product, made once, recorded once.
      HttpClientSupport.Reply retried = createOnce(survivor, token, body, key);
      assertThat(retried.status()).isEqualTo(201);
      long orphan = retried.json().getLong("id");
      acknowledged.add(orphan);
      assertThat(
              TestDatabase.count(
                  "SELECT count(*) FROM product_events WHERE product_id = " + orphan))
          .isEqualTo(1);
      for (int i = 0; i < 3; i++) {
        acknowledged.add(
            writer.postJson("/products", Products.valid("after " + i)).json().getLong("id"));
      }

      eventually(WAIT, survivor::relays, relays -> relays);
      eventually(
          WAIT,
          () -> heardThroughout.stream().map(event -> event.getLong("id")).toList(),
          heard -> heard.containsAll(acknowledged));
      Thread.sleep(1500);
      assertThat(heardThroughout.stream().map(event -> event.getLong("id")))
          .as("every acknowledged create, once, to the subscriber that stayed")
          .containsExactlyElementsOf(acknowledged);
      assertThat(heardThroughout.stream().map(event -> event.getLong("event_id")).toList())
          .isSorted()
          .doesNotHaveDuplicates();

      // The subscriber that was away resumes after the last event it saw.
      try (LiveClient resumed = LiveClient.connect(client, survivor.httpPort, token)) {
        resumed.nextOfType("ready", WAIT);
        resumed.send(new JsonObject().put("type", "subscribe").put("after", lastSeenByResumer));
        List<Long> missed = new ArrayList<>();
        JsonObject message = resumed.next(WAIT);
        while (!"caught_up".equals(message.getString("type"))) {
          if (message.getString("type").startsWith("product.")) {
            missed.add(message.getLong("id"));
          }
          message = resumed.next(WAIT);
        }
        assertThat(missed)
            .as("what the resumed subscriber was sent")
            .containsExactlyElementsOf(acknowledged.subList(3, acknowledged.size()));
      }
    }
  }
}
