package dev.products.jobs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Rows that can no longer change any answer: Idempotency-Keys older than their TTL (a retry after
 * it makes a new product anyway), refresh tokens past expiry (refused whatever their state), and
 * revoked access-token ids past the token's own expiry (the signature check refuses those),
 * password-reset tokens past theirs (refused whether used or not). Each statement walks the index
 * on its time column.
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

  private final Pool pool;
  private final Duration idempotencyTtl;

  public ExpiredRecords(Pool pool, Duration idempotencyTtl) {
    this.pool = pool;
    this.idempotencyTtl = idempotencyTtl;
  }

  public Future<HousekeepingBus.Purged> purge() {
    return pool.preparedQuery(IDEMPOTENCY_KEYS)
        .execute(Tuple.of(idempotencyTtl.toMillis()))
        .compose(
            keys ->
                pool.preparedQuery(REFRESH_TOKENS)
                    .execute()
                    .compose(
                        refresh ->
                            pool.preparedQuery(REVOKED_ACCESS_TOKENS)
                                .execute()
                                .compose(
                                    revoked ->
                                        pool.preparedQuery(RESET_TOKENS)
                                            .execute()
                                            .map(
                                                resets ->
                                                    new HousekeepingBus.Purged(
                                                        keys.rowCount(),
                                                        refresh.rowCount(),
                                                        revoked.rowCount(),
                                                        resets.rowCount())))));
  }
}
