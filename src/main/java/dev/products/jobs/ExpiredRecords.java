package dev.products.jobs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Rows that can no longer change any answer: Idempotency-Keys older than their TTL (a retry after
 * it makes a new product anyway), refresh tokens past expiry (refused whatever their state), and
 * revoked access-token ids past the token's own expiry (the signature check refuses those),
 * password-reset tokens past theirs (refused whether used or not), and product events past
 * EVENT_RETENTION once published. Each statement walks the index on its time column.
 */
public final class ExpiredRecords {

  private static final String IDEMPOTENCY_KEYS =
      "DELETE FROM idempotency_keys WHERE created_at < now() - $1::bigint * interval '1 millisecond'";
  private static final String REFRESH_TOKENS =
      "DELETE FROM refresh_tokens WHERE expires_at < now()";
  private static final String REVOKED_ACCESS_TOKENS =
      "DELETE FROM revoked_access_tokens WHERE expires_at < now()";
  private static final String RESET_TOKENS =
      "DELETE FROM password_reset_tokens WHERE expires_at < now()";

  /**
   * Product events past EVENT_RETENTION that have been published (the relay's progress), and the
   * note of how far that reaches, so a subscriber resuming from before it is told.
   */
  private static final String PRODUCT_EVENTS =
      "WITH gone AS (DELETE FROM product_events"
          + " WHERE occurred_at < now() - $1::bigint * interval '1 millisecond'"
          + " AND event_id <= (SELECT published_through FROM product_event_relay) RETURNING event_id)"
          + " UPDATE product_event_relay"
          + " SET purged_through = greatest(purged_through, (SELECT coalesce(max(event_id), 0) FROM gone))"
          + " RETURNING (SELECT count(*) FROM gone) AS deleted";

  private final Pool pool;
  private final Duration idempotencyTtl;
  private final Duration eventRetention;

  public ExpiredRecords(Pool pool, Duration idempotencyTtl, Duration eventRetention) {
    this.pool = pool;
    this.idempotencyTtl = idempotencyTtl;
    this.eventRetention = eventRetention;
  }

  public Future<HousekeepingBus.Purged> purge() {
    Future<Integer> keys =
        deleted(pool.preparedQuery(IDEMPOTENCY_KEYS).execute(ttl(idempotencyTtl)));
    Future<Integer> refresh =
        keys.compose(v -> deleted(pool.preparedQuery(REFRESH_TOKENS).execute()));
    Future<Integer> revoked =
        refresh.compose(v -> deleted(pool.preparedQuery(REVOKED_ACCESS_TOKENS).execute()));
    Future<Integer> resets =
        revoked.compose(v -> deleted(pool.preparedQuery(RESET_TOKENS).execute()));
    Future<Long> events =
        resets.compose(
            v ->
                pool.preparedQuery(PRODUCT_EVENTS)
                    .execute(ttl(eventRetention))
                    .map(rows -> rows.iterator().next().getLong("deleted")));
    return events.map(
        gone ->
            new HousekeepingBus.Purged(
                keys.result(), refresh.result(), revoked.result(), resets.result(), gone));
  }

  private static Tuple ttl(Duration age) {
    return Tuple.of(age.toMillis());
  }

  private static Future<Integer> deleted(Future<? extends SqlResult<?>> statement) {
    return statement.map(SqlResult::rowCount);
  }
}
