package dev.products.platform.database;

import dev.products.http.health.HealthBus;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Readiness of PostgreSQL: it answers a query, and the schema has this build's newest migration.
 */
public final class SchemaHealth {

  private static final String QUERY =
      """
      SELECT (SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1),
             EXISTS (SELECT 1 FROM flyway_schema_history WHERE version = $1 AND success)""";

  private final Pool pool;
  private final String expectedVersion;

  public SchemaHealth(Pool pool, String expectedVersion) {
    this.pool = pool;
    this.expectedVersion = expectedVersion;
  }

  public Future<HealthBus.SchemaVersion> check() {
    return pool.preparedQuery(QUERY)
        .execute(Tuple.of(expectedVersion))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof PgException pg && "42P01".equals(pg.getSqlState())
                        ? new SchemaNotReadyException(
                            "no migrations applied; expected version " + expectedVersion)
                        : failure))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              String current = row.getString(0);
              if (!row.getBoolean(1)) {
                throw new SchemaNotReadyException(
                    "schema at version " + current + ", expected " + expectedVersion);
              }
              return new HealthBus.SchemaVersion(current, expectedVersion);
            });
  }

  public static final class SchemaNotReadyException extends RuntimeException {
    SchemaNotReadyException(String message) {
      super(message, null, false, false);
    }
  }
}
