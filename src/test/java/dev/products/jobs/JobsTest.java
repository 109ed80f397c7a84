package dev.products.jobs;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.database.Migrations;
import dev.products.support.FakeSentry;
import dev.products.support.TestApp;
import dev.products.support.TestBus;
import dev.products.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Durable jobs on the real PostgreSQL, with instances that each have their own Vert.x. */
class JobsTest {

  private final List<Vertx> instances = new ArrayList<>();

  @BeforeEach
  void noJobsLeft() {
    Migrations.migrate(TestDatabase.url());
    TestDatabase.execute("DELETE FROM jobs");
  }

  @AfterEach
  void stopInstances() {
    instances.forEach(vertx -> vertx.close().await());
  }

  private record Instance(Vertx vertx, TestApp app) {}

  private Instance start(JsonObject settings, Map<String, JobHandler> handlers) {
    Vertx vertx = Vertx.vertx();
    instances.add(vertx);
    JsonObject merged =
        new JsonObject()
            .put("JOB_CONCURRENCY", 2)
            .put("JOB_POLL_INTERVAL", "1h")
            .mergeIn(settings)
            .put("HTTP_PORT", TestApp.freePort());
    return new Instance(vertx, TestApp.start(vertx, merged, handlers));
  }

  private static long enqueue(Instance instance, String kind, JsonObject payload) {
    return TestBus.on(instance.vertx())
        .request(JobsBus.ENQUEUE, new JobsBus.Enqueue(kind, payload, null, null))
        .await();
  }

  private static StoredJob job(Instance instance, long id) {
    return TestBus.on(instance.vertx()).request(JobsBus.GET, new JobsBus.ById(id)).await();
  }

  private static StoredJob awaitState(Instance instance, long id, String state, Duration within) {
    return eventually(within, () -> job(instance, id), job -> state.equals(job.state()));
  }

  @Test
  void newWorkIsRunAtOnceThroughNotifyAndItsResultIsKept() {
    Instance instance =
        start(
            new JsonObject(),
            Map.of(
                "echo",
                job ->
                    Future.succeededFuture(
                        new JsonObject().put("seen", job.payload().getInteger("n")))));

    long id = enqueue(instance, "echo", new JsonObject().put("n", 42));

    // The poll runs hourly here: only NOTIFY can have woken the worker.
    StoredJob done = awaitState(instance, id, "succeeded", Duration.ofSeconds(5));
    assertThat(done.result().getInteger("seen")).isEqualTo(42);
    assertThat(done.attempts()).isEqualTo(1);
  }

  @Test
  void anUnknownKindIsRefused() {
    Instance instance = start(new JsonObject(), Map.of());

    Future<Long> refused =
        TestBus.on(instance.vertx())
            .request(
                JobsBus.ENQUEUE, new JobsBus.Enqueue("no-such-kind", new JsonObject(), null, null));

    assertThat(refused.toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(5));
  }

  @Test
  void failuresAreRetriedWithBackoffThenTheJobIsDeadAndReported() {
    AtomicInteger calls = new AtomicInteger();
    Vertx sentryHost = Vertx.vertx();
    instances.add(sentryHost);
    try (FakeSentry sentry = FakeSentry.start(sentryHost)) {
      Instance instance =
          start(
              new JsonObject()
                  .put("JOB_POLL_INTERVAL", "100ms")
                  .put("JOB_MAX_ATTEMPTS", 3)
                  .put("JOB_BACKOFF_BASE", "100ms")
                  .put("JOB_BACKOFF_MAX", "200ms")
                  .put("SENTRY_DSN", sentry.dsn()),
              Map.of(
                  "flaky",
                  job -> {
                    calls.incrementAndGet();
                    return Future.failedFuture(
                        new IllegalStateException("the mail server said no"));
                  }));

      long id = enqueue(instance, "flaky", new JsonObject());

      StoredJob dead = awaitState(instance, id, "dead", Duration.ofSeconds(10));
      assertThat(dead.attempts()).isEqualTo(3);
      assertThat(dead.lastError()).isEqualTo("the mail server said no");
      assertThat(calls.get()).isEqualTo(3);
      JsonObject event =
          sentry.awaitEvent(
              item ->
                  String.valueOf(id)
                      .equals(item.getJsonObject("tags", new JsonObject()).getString("job_id")));
      assertThat(event.getJsonObject("tags").getString("job_kind")).isEqualTo("flaky");
    }
  }

  @Test
  void jobsSpreadOverTwoInstancesEachRunExactlyOnce() {
    Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    JobHandler counting =
        job -> {
          runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
          return Future.succeededFuture(new JsonObject());
        };
    Instance first =
        start(new JsonObject().put("JOB_POLL_INTERVAL", "200ms"), Map.of("count", counting));
    start(new JsonObject().put("JOB_POLL_INTERVAL", "200ms"), Map.of("count", counting));

    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(enqueue(first, "count", new JsonObject().put("i", i)));
    }

    eventually(
        Duration.ofSeconds(15),
        () ->
            TestDatabase.count(
                "SELECT count(*) FROM jobs WHERE kind = 'count' AND state = 'succeeded'"),
        succeeded -> succeeded == 40);
    for (long id : ids) {
      assertThat(runs.get(id)).as("job " + id).hasValue(1);
    }
  }

  @Test
  void aJobWhoseInstanceDiesIsTakenAgainAfterItsLease() throws InterruptedException {
    CountDownLatch startedOnTheDoomedInstance = new CountDownLatch(1);
    Instance doomed =
        start(
            new JsonObject().put("JOB_LEASE", "1s"),
            Map.of(
                "slow",
                job -> {
                  startedOnTheDoomedInstance.countDown();
                  return Promise.<JsonObject>promise().future(); // never finishes
                }));
    long id = enqueue(doomed, "slow", new JsonObject());
    assertThat(startedOnTheDoomedInstance.await(5, TimeUnit.SECONDS)).isTrue();

    // The instance dies mid-job: its Vert.x is gone, the lease is not renewed any more.
    doomed.vertx().close().await();
    instances.remove(doomed.vertx());

    Instance survivor =
        start(
            new JsonObject().put("JOB_POLL_INTERVAL", "200ms").put("JOB_LEASE", "1s"),
            Map.of(
                "slow",
                job -> Future.succeededFuture(new JsonObject().put("finished_on", "survivor"))));
    StoredJob done = awaitState(survivor, id, "succeeded", Duration.ofSeconds(10));
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.result().getString("finished_on")).isEqualTo("survivor");
  }
}
