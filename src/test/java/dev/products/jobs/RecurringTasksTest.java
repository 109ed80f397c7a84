package dev.products.jobs;

import static dev.products.support.Eventually.eventually;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.database.Migrations;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recurring tasks (export clean-up, housekeeping): once per period across every instance. */
class RecurringTasksTest {

  private final List<Vertx> instances = new ArrayList<>();

  @BeforeEach
  void noRecurringRunsYet() {
    Migrations.migrate(TestDatabase.url());
    TestDatabase.execute("DELETE FROM jobs WHERE singleton IS NOT NULL");
  }

  @AfterEach
  void stopInstances() {
    instances.forEach(vertx -> vertx.close().await());
  }

  private void startInstance(JsonObject settings) {
    Vertx vertx = Vertx.vertx();
    instances.add(vertx);
    TestApp.start(
        vertx,
        new JsonObject()
            .put("JOB_CONCURRENCY", 2)
            .put("JOB_POLL_INTERVAL", "100ms")
            .mergeIn(settings));
  }

  /** Completion times of the task's finished runs, oldest first, in milliseconds. */
  private static List<Long> finishedRuns(String kind) throws SQLException {
    var url = TestDatabase.url();
    List<Long> times = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT (extract(epoch FROM updated_at) * 1000)::bigint FROM jobs"
                    + " WHERE singleton = '"
                    + kind
                    + "' AND state = 'succeeded' ORDER BY updated_at")) {
      while (rows.next()) {
        times.add(rows.getLong(1));
      }
    }
    return times;
  }

  @Test
  void threeInstancesRunTheExportCleanUpOncePerPeriodBetweenThem() throws Exception {
    JsonObject settings = new JsonObject().put("EXPORT_CLEANUP_INTERVAL", "400ms");
    for (int i = 0; i < 3; i++) {
      startInstance(settings);
    }

    for (int sample = 0; sample < 30; sample++) {
      assertThat(
              TestDatabase.count(
                  "SELECT count(*) FROM jobs WHERE singleton = 'export-cleanup'"
                      + " AND state IN ('queued', 'running', 'failed')"))
          .as("runs waiting or under way")
          .isLessThanOrEqualTo(1);
      Thread.sleep(100);
    }

    List<Long> runs = finishedRuns("export-cleanup");
    assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 1; i < runs.size(); i++) {
      // Each run is offered for one period after the last one ended; instances never add their own.
      assertThat(runs.get(i) - runs.get(i - 1))
          .as("gap between runs %d and %d", i - 1, i)
          .isGreaterThanOrEqualTo(350);
    }
  }

  @Test
  void housekeepingDeletesExpiredKeysAndTokensAndKeepsLiveOnes() {
    String email = "housekeeping-" + UUID.randomUUID() + "@products.test";
    TestDatabase.execute(
        "INSERT INTO users (email, email_canonical, password_hash) VALUES ('"
            + email
            + "', lower('"
            + email
            + "'), 'x')");
    String user = "(SELECT id FROM users WHERE email = '" + email + "')";
    TestDatabase.execute(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES"
            + " ("
            + user
            + ", 'old', 'h', now() - interval '25 hours'), ("
            + user
            + ", 'fresh', 'h', now())",
        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES"
            + " (decode(md5('"
            + email
            + "old'), 'hex'), gen_random_uuid(), "
            + user
            + ", now() - interval '1 minute'),"
            + " (decode(md5('"
            + email
            + "live'), 'hex'), gen_random_uuid(), "
            + user
            + ", now() + interval '1 day')",
        "INSERT INTO revoked_access_tokens (jti, expires_at) VALUES"
            + " ('"
            + UUID.nameUUIDFromBytes((email + "old").getBytes(UTF_8))
            + "', now() - interval '1 minute'),"
            + " ('"
            + UUID.nameUUIDFromBytes((email + "live").getBytes(UTF_8))
            + "', now() + interval '1 hour')",
        "INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES"
            + " (decode(md5('"
            + email
            + "reset-old'), 'hex'), "
            + user
            + ", now() - interval '1 minute'),"
            + " (decode(md5('"
            + email
            + "reset-live'), 'hex'), "
            + user
            + ", now() + interval '30 minutes')");

    startInstance(new JsonObject().put("HOUSEKEEPING_INTERVAL", "200ms"));

    eventually(
        Duration.ofSeconds(10),
        () -> TestDatabase.count("SELECT count(*) FROM idempotency_keys WHERE user_id = " + user),
        remaining -> remaining == 1);
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM idempotency_keys WHERE key = 'fresh' AND user_id = " + user))
        .isEqualTo(1);
    eventually(
        Duration.ofSeconds(10),
        () -> TestDatabase.count("SELECT count(*) FROM refresh_tokens WHERE user_id = " + user),
        remaining -> remaining == 1);
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM refresh_tokens WHERE expires_at > now() AND user_id = "
                    + user))
        .isEqualTo(1);
    eventually(
        Duration.ofSeconds(10),
        () ->
            TestDatabase.count(
                "SELECT count(*) FROM revoked_access_tokens WHERE jti IN ('"
                    + UUID.nameUUIDFromBytes((email + "old").getBytes(UTF_8))
                    + "', '"
                    + UUID.nameUUIDFromBytes((email + "live").getBytes(UTF_8))
                    + "')"),
        remaining -> remaining == 1);
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM revoked_access_tokens WHERE jti = '"
                    + UUID.nameUUIDFromBytes((email + "live").getBytes(UTF_8))
                    + "'"))
        .isEqualTo(1);
    eventually(
        Duration.ofSeconds(10),
        () ->
            TestDatabase.count(
                "SELECT count(*) FROM password_reset_tokens WHERE user_id = " + user),
        remaining -> remaining == 1);
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM password_reset_tokens WHERE expires_at > now() AND user_id = "
                    + user))
        .isEqualTo(1);
  }
}
