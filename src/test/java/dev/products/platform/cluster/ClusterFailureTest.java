package dev.products.platform.cluster;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.products.ProductEvents;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.LiveClient;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import dev.products.support.TestRedis;
import io.vertx.core.Vertx;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes as three real processes of the service, clustered, sharing one PostgreSQL and one
 * Redis. One is killed with SIGKILL while a client writes through the other two.
 */
class ClusterFailureTest {

  private static final String SECRET = "cluster-failure-test-secret-0123456789abcdef";

  @TempDir Path workDir;

  private final List<Node> nodes = new ArrayList<>();
  private final Vertx client = Vertx.vertx();

  /** One process of the service and the ports it was given. */
  private final class Node {
    final int index;
    final int httpPort = TestApp.freePort();
    final int clusterPort;
    final Map<String, String> env;
    Process process;
    private HttpClientSupport http;

    Node(int index, int clusterPort, Map<String, String> env) {
      this.index = index;
      this.clusterPort = clusterPort;
      this.env = env;
    }

    void start() throws IOException {
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              "dev.products.Main");
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
                      || key.equals("DATABASE_URL")
                      || key.equals("REDIS_URL")
                      || key.equals("APP_PROFILE"));
      builder.environment().putAll(env);
      builder.environment().put("HTTP_PORT", String.valueOf(httpPort));
      builder.environment().put("CLUSTER_PORT", String.valueOf(clusterPort));
      process = builder.start();
    }

    Path log() {
      return workDir.resolve("node-" + index + ".log");
    }

    HttpClientSupport http() {
      if (http == null) {
        http = TestApp.httpClient(client, httpPort);
      }
      return http;
    }

    JsonObject health() {
      try {
        HttpClientSupport.Reply reply = http().get("/health");
        return reply.status() == 200 ? reply.json() : null;
      } catch (Exception notUp) {
        return null;
      }
    }

    int members() {
      JsonObject health = health();
      if (health == null) {
        return -1;
      }
      return health.getJsonArray("checks").stream()
          .map(JsonObject.class::cast)
          .filter(check -> check.getString("id").equals("cluster"))
          .mapToInt(check -> check.getJsonObject("data").getInteger("members"))
          .findFirst()
          .orElse(-1);
    }

    void awaitMembers(int expected) {
      eventually(Duration.ofSeconds(60), this::members, members -> members == expected);
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
        // Warnings and errors (without their stack frames), for whoever reads a failed run.
        String log = Files.readString(node.log(), StandardCharsets.UTF_8);
        System.out.println(
            "---- node "
                + node.index
                + " warnings and errors\n"
                + log.lines()
                    .filter(
                        line ->
                            line.contains(" WARN ")
                                || line.contains(" ERROR ")
                                || line.startsWith("Caused by"))
                    .collect(Collectors.joining("\n")));
      }
    }
  }

  private void startCluster() throws IOException {
    List<Integer> clusterPorts =
        List.of(TestApp.freePort(), TestApp.freePort(), TestApp.freePort());
    String members =
        clusterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "DATABASE_URL",
                TestDatabase.url().toUri(),
                "REDIS_URL",
                TestRedis.url().connectionString(),
                "REDIS_KEY_PREFIX",
                TestRedis.uniquePrefix(),
                "JWT_SECRET",
                SECRET,
                "DATA_DIR",
                workDir.resolve("data").toString(),
                "HTTP_HOST",
                "127.0.0.1",
                "HTTP_INSTANCES",
                "1",
                "CLUSTER_ENABLED",
                "true",
                "CLUSTER_HOST",
                "127.0.0.1",
                "CLUSTER_MEMBERS",
                members));
    env.putAll(
        Map.of(
            "JOB_CONCURRENCY",
            "1",
            "JOB_LEASE",
            "3s",
            "JOB_POLL_INTERVAL",
            "500ms",
            "RATE_LIMIT_PER_IP",
            "1000000",
            "RATE_LIMIT_LOGIN_PER_IP",
            "100000",
            "RATE_LIMIT_LOGIN_PER_ACCOUNT",
            "100000"));
    for (int i = 0; i < 3; i++) {
      nodes.add(new Node(i, clusterPorts.get(i), env));
    }
    for (Node node : nodes) {
      node.start();
    }
    for (Node node : nodes) {
      node.awaitMembers(3);
    }
  }

  @Test
  void killingANodeLosesNoAcknowledgedWriteAndTheClusterHealsAroundIt() throws Exception {
    startCluster();
    HttpClientSupport signedIn = Accounts.newUser(nodes.get(0).http());
    String token = signedIn.bearer();
    long userId = signedIn.get("/users/me").json().getLong("id");
    TestDatabase.execute(
        "INSERT INTO products (name, price_cents, owner_id) SELECT 'bulk ' || g, g, "
            + userId
            + " FROM generate_series(1, 300000) g");

    // An export long enough to be caught running; the node that claimed it is the one to kill.
    long exportId =
        nodes
            .get(0)
            .http()
            .as(token)
            .send(
                io.vertx.core.http.HttpMethod.POST,
                "/exports",
                null,
                null,
                io.vertx.core.MultiMap.caseInsensitiveMultiMap())
            .json()
            .getLong("id");
    String holder =
        eventually(Duration.ofSeconds(30), () -> lockedBy(exportId), worker -> worker != null);
    Node victim =
        nodes.stream()
            .filter(node -> holder.startsWith("worker-" + node.process.pid() + "-"))
            .findFirst()
            .orElseThrow();
    List<Node> survivors = nodes.stream().filter(node -> node != victim).toList();

    try (LiveClient subscriber = LiveClient.connect(client, survivors.get(1).httpPort, token)) {
      subscriber.nextOfType("ready", Duration.ofSeconds(10));
      Set<Long> seenLive = ConcurrentHashMap.newKeySet();
      subscriber
          .socket()
          .textMessageHandler(
              text -> {
                JsonObject event = new JsonObject(text);
                if (ProductEvents.CREATED.equals(event.getString("type"))) {
                  seenLive.add(event.getLong("id"));
                }
              });

      // A client writing through the survivors, before, during and after the kill.
      List<Long> acknowledged = new CopyOnWriteArrayList<>();
      List<Integer> failures = new CopyOnWriteArrayList<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger sequence = new AtomicInteger();
      String runId = Long.toHexString(System.nanoTime());
      Thread writer =
          new Thread(
              () -> {
                while (writing.get()) {
                  int n = sequence.incrementAndGet();
                  Node target = survivors.get(n % 2);
                  try {
                    HttpClientSupport.Reply reply =
                        target
                            .http()
                            .as(token)
                            .postJson("/products", Products.valid("failover " + runId + " " + n));
                    if (reply.status() == 201) {
                      acknowledged.add(reply.json().getLong("id"));
                    } else {
                      failures.add(reply.status());
                    }
                  } catch (Exception connectionFailed) {
                    failures.add(-1);
                  }
                }
              });
      writer.start();
      eventually(Duration.ofSeconds(10), acknowledged::size, count -> count >= 20);

      victim.process.destroyForcibly().waitFor();

      for (Node survivor : survivors) {
        survivor.awaitMembers(2);
      }
      int beforeRestart = acknowledged.size();
      eventually(Duration.ofSeconds(10), acknowledged::size, count -> count >= beforeRestart + 20);

      // The export the dead node held is taken over once its lease is over, and finished.
      JsonObject export =
          eventually(
              Duration.ofSeconds(60),
              () -> survivors.get(0).http().as(token).get("/jobs/" + exportId).json(),
              job -> "succeeded".equals(job.getString("state")));
      assertThat(export.getInteger("attempts")).isGreaterThanOrEqualTo(2);
      assertThat(TestDatabase.string("SELECT locked_by FROM jobs WHERE id = " + exportId))
          .as("the worker that finished it")
          .doesNotStartWith("worker-" + victim.process.pid() + "-");

      // The victim comes back: it rejoins, and serves.
      victim.start();
      for (Node node : nodes) {
        node.awaitMembers(3);
      }
      long lastId = acknowledged.get(acknowledged.size() - 1);
      assertThat(victim.http().get("/products/" + lastId).status()).isEqualTo(200);

      writing.set(false);
      writer.join(30_000);

      assertThat(failures).as("statuses other than 201 from the survivors").isEmpty();
      // Every acknowledged write is in the database, exactly once.
      assertThat(
              TestDatabase.count(
                  "SELECT count(*) FROM products WHERE name LIKE 'failover " + runId + " %'"))
          .isEqualTo(acknowledged.size());
      assertThat(
              TestDatabase.count(
                  "SELECT count(DISTINCT name) FROM products WHERE name LIKE 'failover "
                      + runId
                      + " %'"))
          .isEqualTo(acknowledged.size());
      // The subscriber on a survivor kept receiving, the writes made after the kill included.
      eventually(Duration.ofSeconds(10), () -> seenLive.containsAll(acknowledged), all -> all);
    } finally {
      TestDatabase.execute("DELETE FROM products WHERE owner_id = " + userId);
    }
  }

  private static String lockedBy(long jobId) {
    return TestDatabase.string(
        "SELECT locked_by FROM jobs WHERE id = " + jobId + " AND state = 'running'");
  }
}
