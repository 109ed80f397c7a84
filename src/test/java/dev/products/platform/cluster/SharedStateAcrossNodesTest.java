package dev.products.platform.cluster;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.jobs.JobVerticle;
import dev.products.platform.database.Migrations;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.Products;
import dev.products.support.TestCluster;
import dev.products.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three clustered nodes behave as one service for the state they share: the rate limit counts
 * requests to any node, a write on one node is never read stale from another's cache, and a
 * recurring task honours its cluster-wide lock wherever it is held. (Once per period across
 * instances: RecurringTasksTest.)
 */
class SharedStateAcrossNodesTest {

  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    Migrations.migrate(TestDatabase.url());
    // Runs offered by earlier tests' instances (hourly) would hold back this cluster's.
    TestDatabase.execute("DELETE FROM jobs WHERE singleton IS NOT NULL");
    cluster =
        TestCluster.start(
            3,
            new JsonObject()
                .put("RATE_LIMIT_LOGIN_PER_ACCOUNT", 4)
                .put("JOB_CONCURRENCY", 1)
                .put("JOB_POLL_INTERVAL", "100ms")
                .put("JOB_BACKOFF_BASE", "100ms")
                .put("JOB_BACKOFF_MAX", "200ms")
                .put("JOB_MAX_ATTEMPTS", 100)
                .put("EXPORT_CLEANUP_INTERVAL", "200ms"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theLoginLimitCountsAttemptsOnEveryNode() {
    String email = Accounts.uniqueEmail();
    Accounts.register(cluster.app(0).http(), email);
    List<Integer> statuses = new ArrayList<>();

    for (int attempt = 0; attempt < 6; attempt++) {
      HttpClientSupport node = cluster.app(attempt % 3).http();
      statuses.add(
          node.postForm(
                  "/auth/token",
                  io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                      .add("username", email)
                      .add("password", "wrong-password"))
              .status());
    }

    assertThat(statuses).containsExactly(401, 401, 401, 401, 429, 429);
  }

  @Test
  void aWriteOnOneNodeIsNeverReadStaleOnTheOthers() {
    HttpClientSupport writer = Accounts.newUser(cluster.app(0).http());
    long id = writer.postJson("/products", Products.valid("Shared")).json().getLong("id");
    for (int node = 0; node < 3; node++) {
      // Fills the shared cache, from every node.
      assertThat(cluster.app(node).http().get("/products/" + id).json().getInteger("version"))
          .isEqualTo(1);
    }

    for (int round = 0; round < 5; round++) {
      int writeNode = round % 3;
      JsonObject written =
          cluster
              .app(writeNode)
              .http()
              .as(token(writer))
              .patchJson("/products/" + id, new JsonObject().put("stock", round))
              .json();
      for (int node = 0; node < 3; node++) {
        JsonObject read = cluster.app(node).http().get("/products/" + id).json();
        assertThat(read.getInteger("version"))
            .as("read on node %d after a write on node %d", node, writeNode)
            .isEqualTo(written.getInteger("version"));
      }
    }
  }

  @Test
  void aRecurringTaskDoesNotRunWhileItsClusterWideLockIsHeldOnAnotherNode() {
    String runs =
        "SELECT count(*) FROM jobs WHERE singleton = 'export-cleanup' AND state = 'succeeded'";
    eventually(Duration.ofSeconds(10), () -> TestDatabase.count(runs), count -> count > 0);

    Lock held =
        cluster
            .node(2)
            .sharedData()
            .getLockWithTimeout(JobVerticle.RECURRING_LOCK_PREFIX + "export-cleanup", 10_000)
            .await();
    String pending =
        " FROM jobs WHERE singleton = 'export-cleanup' AND state IN ('queued', 'running', 'failed')";
    long before;
    try {
      // The first refusal: any run that held the lock before the test has recorded its success by
      // then.
      eventually(
          Duration.ofSeconds(10),
          () -> TestDatabase.string("SELECT last_error" + pending),
          error -> error != null && error.contains("still running export-cleanup"));
      before = TestDatabase.count(runs);
      long attempts = TestDatabase.count("SELECT attempts" + pending);

      eventually(
          Duration.ofSeconds(10),
          () -> TestDatabase.count("SELECT attempts" + pending),
          refused -> refused >= attempts + 2);

      assertThat(TestDatabase.count(runs))
          .as("runs while the lock is held elsewhere")
          .isEqualTo(before);
      assertThat(TestDatabase.string("SELECT last_error" + pending))
          .contains("still running export-cleanup");
    } finally {
      held.release();
    }
    eventually(Duration.ofSeconds(10), () -> TestDatabase.count(runs), count -> count > before);
  }

  private static String token(HttpClientSupport client) {
    return client.bearer();
  }
}
