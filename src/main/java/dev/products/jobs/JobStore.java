package dev.products.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The jobs table, in prepared statements only. */
final class JobStore {

  static final String CHANNEL = "jobs";

  /**
   * With a limit ($5), nothing is stored when the creator already has that many jobs of the kind
   * waiting or running. The count and the insert are not serialised: two requests at the same
   * instant may both pass, so the limit is a guard against floods, not an exact quota.
   */
  private static final String ENQUEUE =
      """
      WITH queued AS (
        INSERT INTO jobs (kind, payload, max_attempts, created_by, traceparent)
        SELECT $1, $2, $3, $4, $6
        WHERE $5::int IS NULL OR (
          SELECT count(*) FROM jobs
          WHERE created_by = $4 AND kind = $1 AND state IN ('queued', 'running', 'failed')) < $5
        RETURNING id)
      SELECT id, pg_notify('jobs', $1) FROM queued""";

  /**
   * The next run of a recurring task, unless one is already waiting or running (V8's singleton
   * index; the NOT EXISTS only spares the identity sequence a value on every refused offer).
   */
  private static final String OFFER =
      """
      INSERT INTO jobs (kind, max_attempts, singleton, run_at)
      SELECT $1, $2, $1, now() + $3::bigint * interval '1 millisecond'
      WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE singleton = $1 AND state IN ('queued', 'running', 'failed'))
      ON CONFLICT (singleton) WHERE singleton IS NOT NULL AND state IN ('queued', 'running', 'failed') DO NOTHING""";

  private static final String PROGRESS =
      """
      UPDATE jobs SET progress = $3, updated_at = now()
      WHERE id = $1 AND locked_by = $2 AND state = 'running'""";

  /** Due work and work whose lease is over, oldest first; rows another worker holds are skipped. */
  private static final String CLAIM =
      """
      UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $2,
                      lease_until = now() + $3::bigint * interval '1 millisecond', updated_at = now()
      WHERE id IN (
        SELECT id FROM jobs
        WHERE (state IN ('queued', 'failed') AND run_at <= now()) OR (state = 'running' AND lease_until < now())
        ORDER BY run_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, attempts, max_attempts, traceparent""";

  private static final String RENEW =
      """
      UPDATE jobs SET lease_until = now() + $3::bigint * interval '1 millisecond'
      WHERE id = $1 AND locked_by = $2 AND state = 'running'""";

  private static final String SUCCEED =
      """
      UPDATE jobs SET state = 'succeeded', result = $3, lease_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = $1 AND locked_by = $2 AND state = 'running'""";

  private static final String FAIL =
      """
      UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'failed' END,
                      run_at = now() + $4::bigint * interval '1 millisecond',
                      last_error = $3, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND locked_by = $2 AND state = 'running'
      RETURNING state""";

  private static final String FIND =
      """
      SELECT id, kind, payload, state, attempts, max_attempts, run_at, last_error, progress, result, created_by,
             created_at, updated_at
      FROM jobs WHERE id = $1""";

  private final Pool pool;

  JobStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * A claimed job and the {@code traceparent} of the span that queued it, if it was traced.
   *
   * @param traceparent W3C Trace Context, version 00
   */
  record Claimed(Job job, @Nullable String traceparent) {}

  /**
   * Returns the new job's id, or null when the creator's limit of pending jobs of this kind is
   * reached.
   *
   * @param traceparent the span that queues it (W3C), or null when it is not traced
   */
  Future<Long> enqueue(
      String kind,
      JsonObject payload,
      int maxAttempts,
      @Nullable Long createdBy,
      @Nullable Integer maxPending,
      @Nullable String traceparent) {
    return pool.preparedQuery(ENQUEUE)
        .execute(Tuple.of(kind, payload, maxAttempts, createdBy, maxPending, traceparent))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
  }

  Future<Void> offer(String kind, int maxAttempts, long runInMillis) {
    return pool.preparedQuery(OFFER).execute(Tuple.of(kind, maxAttempts, runInMillis)).mapEmpty();
  }

  Future<Void> progress(long id, String worker, JsonObject progress) {
    return pool.preparedQuery(PROGRESS).execute(Tuple.of(id, worker, progress)).mapEmpty();
  }

  Future<List<Claimed>> claim(int limit, String worker, long leaseMillis) {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(limit, worker, leaseMillis))
        .map(
            rows -> {
              List<Claimed> jobs = new ArrayList<>();
              for (Row row : rows) {
                long id = row.getLong("id");
                jobs.add(
                    new Claimed(
                        new Job(
                            id,
                            row.getString("kind"),
                            (JsonObject) row.getJson("payload"),
                            row.getInteger("attempts"),
                            row.getInteger("max_attempts"),
                            progress -> progress(id, worker, progress)),
                        row.getString("traceparent")));
              }
              return jobs;
            });
  }

  Future<Void> renew(long id, String worker, long leaseMillis) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(id, worker, leaseMillis)).mapEmpty();
  }

  Future<Void> succeed(long id, String worker, JsonObject result) {
    return pool.preparedQuery(SUCCEED).execute(Tuple.of(id, worker, result)).mapEmpty();
  }

  /**
   * Returns the state the job is left in: failed (to be retried) or dead; null if it was no longer
   * ours.
   */
  Future<String> fail(long id, String worker, String error, long retryInMillis) {
    return pool.preparedQuery(FAIL)
        .execute(Tuple.of(id, worker, error, retryInMillis))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("state"));
  }

  /** Returns the stored job, or null. */
  Future<@Nullable StoredJob> find(long id) {
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : StoredJob.fromRow(rows.iterator().next()));
  }
}
