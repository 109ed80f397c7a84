package dev.products.products;

import dev.products.products.ProductsBus.EventPage;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Reads the outbox (V13) for subscribers that resume: the numbered events after a given one. */
public final class ProductEventLog {

  private static final String AFTER =
      "SELECT "
          + ProductEvent.COLUMNS
          + " FROM product_events WHERE event_id > $1 ORDER BY event_id LIMIT $2";

  /** How far retention has deleted, and the newest event id there has been. */
  private static final String BOUNDS =
      "SELECT purged_through,"
          + " greatest(purged_through, (SELECT coalesce(max(event_id), 0) FROM product_events))"
          + " AS newest FROM product_event_relay";

  /** The last recorded write of each product within the window, from the occurred_at index. */
  private static final String RECENT =
      "SELECT DISTINCT ON (product_id) product_id, type, version FROM product_events"
          + " WHERE occurred_at > now() - $1::bigint * interval '1 millisecond'"
          + " ORDER BY product_id, seq DESC";

  private final Pool pool;

  public ProductEventLog(Pool pool) {
    this.pool = pool;
  }

  public Future<ProductsBus.Writes> recent(java.time.Duration within) {
    return pool.preparedQuery(RECENT)
        .execute(Tuple.of(within.toMillis()))
        .map(
            rows -> {
              List<CacheBus.Written> writes = new ArrayList<>(rows.size());
              for (Row row : rows) {
                writes.add(
                    new CacheBus.Written(
                        row.getLong("product_id"),
                        ProductEvents.DELETED.equals(row.getString("type"))
                            ? CacheBus.DELETED
                            : row.getInteger("version")));
              }
              return new ProductsBus.Writes(writes);
            });
  }

  public Future<EventPage> after(long after, int limit) {
    return pool.preparedQuery(BOUNDS)
        .execute()
        .compose(
            bounds -> {
              Row row = bounds.iterator().next();
              long purgedThrough = row.getLong("purged_through");
              long newest = row.getLong("newest");
              return pool.preparedQuery(AFTER)
                  .execute(Tuple.of(after, limit))
                  .map(
                      rows -> {
                        List<ProductEvent> events = new ArrayList<>(rows.size());
                        rows.forEach(event -> events.add(ProductEvent.fromRow(event)));
                        return new EventPage(events, purgedThrough, newest);
                      });
            });
  }
}
