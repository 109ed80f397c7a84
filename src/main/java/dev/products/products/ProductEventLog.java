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

  private final Pool pool;

  public ProductEventLog(Pool pool) {
    this.pool = pool;
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
