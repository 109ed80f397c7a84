package dev.products.jobs;

import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.bus.BusFailureException;
import dev.products.platform.config.BusConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.config.JobsConfig;
import dev.products.platform.database.DatabaseFailures;
import dev.products.platform.errors.ErrorTracking;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.logging.PersonalData;
import dev.products.platform.tracing.RunSpan;
import dev.products.platform.tracing.TraceContext;
import dev.products.platform.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs durable jobs from the {@code jobs} table. Any number of instances run workers side by side:
 * a claim takes due rows with {@code FOR UPDATE SKIP LOCKED}, so no job runs twice at once, and
 * holds them under a lease that is renewed while the job runs. A job whose instance died is taken
 * again when its lease is over. Failures are retried with exponential backoff and jitter; the last
 * one leaves the job dead and is reported to error tracking. Workers wake on PostgreSQL NOTIFY (new
 * work), and poll slowly in case a notification was missed.
 */
public final class JobVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(JobVerticle.class);

  /** Cluster-wide lock names of the recurring tasks: {@code products.recurring.<kind>}. */
  public static final String RECURRING_LOCK_PREFIX = "products.recurring.";

  private final DatabaseUrl databaseUrl;
  private final JobsConfig config;
  private final BusConfig busConfig;
  private final Map<String, JobHandler> handlers;
  private final Map<String, Duration> recurring;
  private final ErrorTracking errors;
  private final DependencyOutage databaseOutage;
  private final Tracing tracing;

  /** Names the process, so an operator (or a test) can tell which instance holds a job. */
  private final String worker = "worker-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();

  private Pool pool;
  private @Nullable PgSubscriber subscriber;
  private JobStore store;
  private int running;
  private boolean claiming;
  private boolean stopping;

  /**
   * @param recurring tasks (kinds among the handlers) to run once per period across all instances
   * @param databaseOutage the database's outage reporting, shared with the repository
   * @param tracing each run is a trace of its own, linked to the request that queued the job
   */
  public JobVerticle(
      DatabaseUrl databaseUrl,
      JobsConfig config,
      Map<String, JobHandler> handlers,
      Map<String, Duration> recurring,
      ErrorTracking errors,
      DependencyOutage databaseOutage,
      BusConfig busConfig,
      Tracing tracing) {
    this.busConfig = busConfig;
    this.tracing = tracing;
    this.databaseUrl = databaseUrl;
    this.config = config;
    this.handlers = Map.copyOf(handlers);
    this.recurring = Map.copyOf(recurring);
    this.errors = errors;
    this.databaseOutage = databaseOutage;
  }

  @Override
  public Future<?> start() {
    pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(Math.max(2, Math.min(config.concurrency() + 1, 8)))
                    .setName("jobs-pg-pool"))
            .connectingTo(databaseUrl.connectOptions())
            .using(vertx)
            .build();
    store = new JobStore(pool);
    vertx.setPeriodic(
        config.pollInterval().toMillis(),
        id -> {
          offerRecurring();
          claimDue();
        });
    Bus bus = new Bus(vertx, busConfig);
    Future<Void> consumers =
        Future.all(
                bus.answer(JobsBus.ENQUEUE, this::enqueue).completion(),
                bus.answer(JobsBus.GET, this::find).completion())
            .mapEmpty();
    return consumers
        .compose(v -> listen())
        .onSuccess(
            v -> {
              offerRecurring();
              claimDue();
            });
  }

  /**
   * Every instance that runs jobs offers the next run of each recurring task; the jobs table keeps
   * only one run per task waiting or running, so the task runs once per period wherever it lands.
   */
  private void offerRecurring() {
    if (config.concurrency() == 0 || stopping) {
      return;
    }
    recurring.forEach(
        (kind, every) ->
            store
                .offer(kind, config.maxAttempts(), every.toMillis())
                .onFailure(
                    failure ->
                        databaseFailed(failure, "Could not schedule the recurring task " + kind)));
  }

  /**
   * NOTIFY wakes the workers at once; the subscriber reconnects by itself after losing PostgreSQL.
   */
  private Future<Void> listen() {
    if (config.concurrency() == 0) {
      return Future.succeededFuture();
    }
    PgSubscriber subscriber =
        PgSubscriber.subscriber(vertx, databaseUrl.connectOptions())
            .reconnectPolicy(retries -> 1_000L);
    this.subscriber = subscriber;
    // A connection the server drops (an outage, or the embedded server stopping with the process)
    // is reconnected by the subscriber and reported by the outage; without a handler of ours
    // vertx-sql-client would print the failure to stderr. Set again on every (re)connection.
    subscriber
        .channel(JobStore.CHANNEL)
        .subscribeHandler(
            v -> {
              PgConnection connection = subscriber.actualConnection();
              if (connection != null) {
                connection.exceptionHandler(
                    failure -> LOG.debug("The LISTEN connection failed: {}", failure.toString()));
              }
            })
        .handler(kind -> claimDue());
    return subscriber
        .connect()
        .recover(
            failure -> {
              LOG.warn(
                  "Could not LISTEN for new jobs ({}); polling every {}",
                  failure.getMessage(),
                  config.pollInterval());
              return Future.succeededFuture();
            });
  }

  private Future<Long> enqueue(JobsBus.Enqueue job) {
    if (!handlers.containsKey(job.kind())) {
      return Future.failedFuture(
          new BusFailureException(BusFailure.INVALID, "unknown job kind " + job.kind()));
    }
    // The span serving this request (this bus hop, in the trace of the request that queues the
    // job): the job's runs link to it.
    return store
        .enqueue(
            job.kind(),
            job.payload(),
            config.maxAttempts(),
            job.createdBy(),
            job.maxPending(),
            TraceContext.traceparent())
        .recover(
            failure ->
                Future.failedFuture(
                    new BusFailureException(
                        BusFailure.UNAVAILABLE,
                        "the job could not be stored: " + failure.getMessage())))
        .compose(
            id ->
                id != null
                    ? Future.succeededFuture(id)
                    : Future.failedFuture(
                        new BusFailureException(
                            BusFailure.TOO_MANY_REQUESTS,
                            "there are already "
                                + job.maxPending()
                                + " jobs of this kind waiting or running for this user; try again"
                                + " when one has finished")));
  }

  private Future<StoredJob> find(JobsBus.ById request) {
    return store
        .find(request.id())
        .recover(
            failure ->
                Future.failedFuture(
                    new BusFailureException(
                        BusFailure.UNAVAILABLE, String.valueOf(failure.getMessage()))))
        .compose(
            job ->
                job != null
                    ? Future.succeededFuture(job)
                    : Future.failedFuture(
                        new BusFailureException(
                            BusFailure.NOT_FOUND, "job " + request.id() + " does not exist")));
  }

  /**
   * Claims as many due jobs as there are free workers; called on NOTIFY, on the poll, and when a
   * job ends.
   */
  private void claimDue() {
    int free = config.concurrency() - running;
    if (free <= 0 || claiming || stopping) {
      return;
    }
    claiming = true;
    store
        .claim(free, worker, config.lease().toMillis())
        .onComplete(done -> claiming = false)
        .onSuccess(
            jobs -> {
              databaseOutage.answered();
              jobs.forEach(this::run);
              if (jobs.size() == free) {
                vertx.runOnContext(v -> claimDue());
              }
            })
        .onFailure(failure -> databaseFailed(failure, "Could not claim jobs"));
  }

  /** An outage is reported once by {@link DependencyOutage}, not on every poll while it lasts. */
  private void databaseFailed(Throwable failure, String what) {
    if (DatabaseFailures.outage(failure)) {
      databaseOutage.failed(failure);
      LOG.debug("{}: {}", what, failure.toString());
    } else {
      LOG.warn("{}: {}", what, failure.getMessage());
    }
  }

  private void run(JobStore.Claimed claimed) {
    Job job = claimed.job();
    running++;
    long renewEvery = Math.max(500, config.lease().toMillis() / 3);
    long renewal =
        vertx.setPeriodic(
            renewEvery, id -> store.renew(job.id(), worker, config.lease().toMillis()));
    // Each run on a context of its own: it holds the run's span (when traced) until the outcome is
    // stored, so what the job does (bus requests, SQL) is in the run's trace.
    ContextInternal runContext = ((ContextInternal) context).duplicate();
    runContext.runOnContext(
        v -> {
          RunSpan span =
              tracing.beginRun(
                  runContext,
                  "job " + job.kind(),
                  claimed.traceparent(),
                  Attributes.of(
                      JOB_ID, job.id(), JOB_KIND, job.kind(), JOB_ATTEMPT, (long) job.attempt()));
          attempt(job)
              .onFailure(span::failed)
              .compose(
                  result ->
                      store.succeed(job.id(), worker, result == null ? new JsonObject() : result))
              .recover(failure -> failed(job, failure))
              .onComplete(
                  done -> {
                    span.end();
                    vertx.cancelTimer(renewal);
                    running--;
                    claimDue();
                  });
        });
  }

  private static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("job.id");
  private static final AttributeKey<String> JOB_KIND = AttributeKey.stringKey("job.kind");
  private static final AttributeKey<Long> JOB_ATTEMPT = AttributeKey.longKey("job.attempt");

  /** One attempt at the job: its handler's outcome. */
  private Future<JsonObject> attempt(Job job) {
    JobHandler handler = handlers.get(job.kind());
    try {
      return handler == null
          ? Future.failedFuture("no handler for job kind " + job.kind() + " on this instance")
          : recurring.containsKey(job.kind()) ? exclusively(job, handler) : handler.run(job);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * A recurring task also runs under a cluster-wide lock (Vert.x shared data: Hazelcast when
   * clustered). The jobs table already keeps one run waiting or running; the lock covers the one
   * gap a lease leaves: a holder stalled past its lease (a long GC pause, a partition) while
   * another node claims the run again. The newcomer then fails the attempt and retries later.
   */
  private Future<JsonObject> exclusively(Job job, JobHandler handler) {
    return vertx
        .sharedData()
        .getLockWithTimeout(RECURRING_LOCK_PREFIX + job.kind(), 1_000)
        .recover(busy -> Future.failedFuture("another instance is still running " + job.kind()))
        .compose(
            lock ->
                handler
                    .run(job)
                    .eventually(
                        () -> {
                          lock.release();
                          return Future.succeededFuture();
                        }));
  }

  private Future<Void> failed(Job job, Throwable failure) {
    long retryIn = Backoff.delayMillis(job.attempt(), config.backoffBase(), config.backoffMax());
    String reason =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    // The job's own row keeps the reason as it came; the log gets it without addresses (a mail
    // server's refusal quotes the recipient).
    String logged = PersonalData.withoutEmailAddresses(reason);
    return store
        .fail(job.id(), worker, reason, retryIn)
        .map(
            state -> {
              if ("dead".equals(state)) {
                LOG.error(
                    "Job {} ({}) is dead after {} attempts: {}",
                    job.id(),
                    job.kind(),
                    job.attempt(),
                    logged);
                errors.report(
                    failure,
                    Map.of(
                        "job_id",
                        String.valueOf(job.id()),
                        "job_kind",
                        job.kind(),
                        "attempts",
                        String.valueOf(job.attempt())),
                    null);
              } else if (state != null) {
                LOG.warn(
                    "Job {} ({}) failed attempt {} of {}: {}; retrying in {} ms",
                    job.id(),
                    job.kind(),
                    job.attempt(),
                    job.maxAttempts(),
                    logged,
                    retryIn);
              }
              return null;
            });
  }

  /**
   * Jobs still running keep their lease: if they do not finish, another instance takes them after
   * it.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    Future<Void> unsubscribed = subscriber == null ? Future.succeededFuture() : subscriber.close();
    return unsubscribed.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
