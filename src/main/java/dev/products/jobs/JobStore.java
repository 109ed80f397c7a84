package dev.products.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The jobs table, in prepared statements only. */
final class JobStore {

  static final String CHANNEL = "jobs";

  private static final String ENQUEUE = """
      WITH queued AS (
        INSERT INTO jobs (kind, payload, max_attempts, created_by) VALUES ($1, $2, $3, $4) RETURNING id)
      SELECT id, pg_notify('jobs', $1) FROM queued""";

  /** Due work and work whose lease is over, oldest first; rows another worker holds are skipped. */
  private static final String CLAIM = """
      UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $2,
                      lease_until = now() + $3::bigint * interval '1 millisecond', updated_at = now()
      WHERE id IN (
        SELECT id FROM jobs
        WHERE (state IN ('queued', 'failed') AND run_at <= now()) OR (state = 'running' AND lease_until < now())
        ORDER BY run_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, attempts, max_attempts""";

  private static final String RENEW = """
      UPDATE jobs SET lease_until = now() + $3::bigint * interval '1 millisecond'
      WHERE id = $1 AND locked_by = $2 AND state = 'running'""";

  private static final String SUCCEED = """
      UPDATE jobs SET state = 'succeeded', result = $3, lease_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = $1 AND locked_by = $2 AND state = 'running'""";

  private static final String FAIL = """
      UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'failed' END,
                      run_at = now() + $4::bigint * interval '1 millisecond',
                      last_error = $3, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND locked_by = $2 AND state = 'running'
      RETURNING state""";

  private static final String FIND = """
      SELECT id, kind, state, attempts, max_attempts, run_at, last_error, result, created_by, created_at, updated_at
      FROM jobs WHERE id = $1""";

  private final Pool pool;

  JobStore(Pool pool) {
    this.pool = pool;
  }

  Future<Long> enqueue(String kind, JsonObject payload, int maxAttempts, Long createdBy) {
    return pool.preparedQuery(ENQUEUE).execute(Tuple.of(kind, payload, maxAttempts, createdBy))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<List<Job>> claim(int limit, String worker, long leaseMillis) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, worker, leaseMillis)).map(rows -> {
      List<Job> jobs = new ArrayList<>();
      for (Row row : rows) {
        jobs.add(new Job(row.getLong("id"), row.getString("kind"), (JsonObject) row.getJson("payload"),
            row.getInteger("attempts"), row.getInteger("max_attempts")));
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

  /** @return the state the job is left in: failed (to be retried) or dead; null if it was no longer ours */
  Future<String> fail(long id, String worker, String error, long retryInMillis) {
    return pool.preparedQuery(FAIL).execute(Tuple.of(id, worker, error, retryInMillis))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("state"));
  }

  /** @return the job as the API shows it, or null */
  Future<JsonObject> find(long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new JsonObject()
          .put("id", row.getLong("id"))
          .put("kind", row.getString("kind"))
          .put("state", row.getString("state"))
          .put("attempts", row.getInteger("attempts"))
          .put("max_attempts", row.getInteger("max_attempts"))
          .put("run_at", row.getOffsetDateTime("run_at").toInstant().toString())
          .put("last_error", row.getString("last_error"))
          .put("result", row.getJson("result"))
          .put("created_by", row.getLong("created_by"));
    });
  }
}
