package dev.products.products;

import dev.products.platform.bus.BusFailure;
import dev.products.platform.bus.BusFailureException;
import dev.products.platform.store.ForbiddenException;
import dev.products.platform.store.IdempotencyConflictException;
import dev.products.platform.store.NotFoundException;
import dev.products.platform.store.Page;
import dev.products.platform.store.PreconditionFailedException;
import dev.products.platform.tracing.TraceContext;
import dev.products.products.ProductsBus.Batch;
import dev.products.products.ProductsBus.Changes;
import dev.products.products.ProductsBus.Created;
import dev.products.products.ProductsBus.NewProduct;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The products table, in prepared statements only. */
public final class ProductRepository {

  private static final String COLUMNS = Product.COLUMNS;

  /**
   * Each write records its event in the outbox (V13) in the same statement, so it commits with the
   * change or not at all: the relay ({@link ProductEventRelay}) numbers and publishes it.
   */
  private static final String INSERT =
      "WITH written AS (INSERT INTO products (name, description, price_cents, stock, owner_id, category_id)"
          + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
          + COLUMNS
          + "), recorded AS (INSERT INTO product_events"
          + " (type, product_id, version, actor_id, product, traceparent)"
          + " SELECT 'product.created', w.id, w.version, $5, to_jsonb(w), $7::text FROM written w)"
          + " SELECT "
          + COLUMNS
          + " FROM written";

  private static final String DELETE_EXPIRED_KEY =
      "DELETE FROM idempotency_keys"
          + " WHERE user_id = $1 AND key = $2 AND created_at < now() - $3::bigint * interval '1 millisecond'";

  private static final String CLAIM_KEY =
      "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)"
          + " ON CONFLICT DO NOTHING RETURNING 1";

  private static final String KEEP_ANSWER =
      "UPDATE idempotency_keys SET response = $3 WHERE user_id = $1 AND key = $2";

  private static final String FIND_KEY =
      "SELECT request_hash, response FROM idempotency_keys WHERE user_id = $1 AND key = $2";

  private static final String CURRENT = "SELECT owner_id, version FROM products WHERE id = $1";

  private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM products WHERE id = $1";

  /**
   * The page's ids come from the (created_at, id) index alone (an index-only scan once vacuum has
   * marked the pages visible), and only those rows are read from the table: the rows an OFFSET
   * skips cost index entries, not table reads. Written as {@code = ANY(ARRAY(...))} rather than a
   * join so the prepared statement's generic plan stays an index lookup. The total rides along on
   * each row: one round trip for the page and its total.
   */
  private static final String SELECT_PAGE =
      "SELECT "
          + COLUMNS
          + ", ("
          + "SELECT coalesce(sum(n), 0)::bigint FROM product_count_slots) AS total FROM products"
          + " WHERE id = ANY(ARRAY(SELECT id FROM products ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2))"
          + " ORDER BY created_at DESC, id DESC";

  /**
   * One category's page, from the (category_id, created_at, id) index (V10), with its exact total:
   * a count over the same index range, cheap for one category.
   */
  private static final String SELECT_PAGE_OF_CATEGORY =
      "SELECT "
          + COLUMNS
          + ", (SELECT count(*) FROM products WHERE category_id = $3) AS total FROM products"
          + " WHERE id = ANY(ARRAY(SELECT id FROM products WHERE category_id = $3"
          + " ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2))"
          + " ORDER BY created_at DESC, id DESC";

  private static final String COUNT_OF_CATEGORY =
      "SELECT count(*) FROM products WHERE category_id = $1";

  /** Kept by triggers in the same transaction as every insert and delete (V3); exact, and O(1). */
  private static final String COUNT = "SELECT coalesce(sum(n), 0)::bigint FROM product_count_slots";

  /**
   * Exports read in primary-key order after the last id seen (keyset), so each page is an index
   * range.
   */
  private static final String EXPORT_PAGE_ALL =
      "SELECT " + COLUMNS + " FROM products WHERE id > $1 ORDER BY id LIMIT $2";

  /** One owner's products, from the (owner_id, id) index (V8). */
  private static final String EXPORT_PAGE_OF_OWNER =
      "SELECT " + COLUMNS + " FROM products WHERE owner_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  private static final String COUNT_OF_OWNER = "SELECT count(*) FROM products WHERE owner_id = $1";

  /**
   * Each column is written only when its flag is true, so a PATCH changes exactly the fields it
   * sent.
   */
  private static final String UPDATE =
      """
      WITH written AS (UPDATE products SET
        name        = CASE WHEN $2 THEN $3 ELSE name END,
        description = CASE WHEN $4 THEN $5 ELSE description END,
        price_cents = CASE WHEN $6 THEN $7 ELSE price_cents END,
        stock       = CASE WHEN $8 THEN $9 ELSE stock END,
        category_id = CASE WHEN $13 THEN $14 ELSE category_id END,
        version     = version + 1,
        updated_at  = now()
      WHERE id = $1 AND ($10 OR owner_id = $11) AND ($12::int[] IS NULL OR version = ANY($12))
      RETURNING\s"""
          + COLUMNS
          + "), recorded AS (INSERT INTO product_events"
          + " (type, product_id, version, actor_id, product, traceparent)"
          + " SELECT 'product.updated', w.id, w.version, $11, to_jsonb(w), $15::text FROM written w)"
          + " SELECT "
          + COLUMNS
          + " FROM written";

  private static final String DELETE =
      "WITH written AS (DELETE FROM products WHERE id = $1 AND ($2 OR owner_id = $3)"
          + " AND ($4::int[] IS NULL OR version = ANY($4)) RETURNING id, version),"
          + " recorded AS (INSERT INTO product_events"
          + " (type, product_id, version, actor_id, product, traceparent)"
          + " SELECT 'product.deleted', w.id, w.version, $3, NULL, $5::text FROM written w)"
          + " SELECT version FROM written";

  private final Pool pool;

  public ProductRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Product> create(NewProduct product, Actor actor) {
    return insert(pool, product, actor, TraceContext.traceparent());
  }

  /**
   * @param traceparent the writer's span, kept with the event (null: not traced)
   */
  private static Future<Product> insert(
      SqlClient client, NewProduct product, Actor actor, @Nullable String traceparent) {
    Tuple params =
        Tuple.of(
            product.name(),
            product.description(),
            product.priceCents(),
            product.stock(),
            actor.id(),
            product.categoryId(),
            traceparent);
    return client
        .preparedQuery(INSERT)
        .execute(params)
        .recover(ProductRepository::unknownCategory)
        .map(rows -> Product.fromRow(rows.iterator().next()));
  }

  /**
   * A create under an Idempotency-Key, in one transaction with the key. The first request with a
   * key makes the product and keeps the answer; a retry (same user, key and body hash) gets that
   * answer; the same key with another body fails. A concurrent retry waits on the key's unique
   * index until the first commits (or rolls back, and then it goes ahead itself). Keys older than
   * {@code ttl} count as unused.
   *
   * @return the product, and whether it is a replay of an earlier answer
   */
  public Future<Created> createOnce(
      NewProduct product, Actor actor, String key, String requestHash, Duration ttl) {
    String traceparent = TraceContext.traceparent();
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(DELETE_EXPIRED_KEY)
                .execute(Tuple.of(actor.id(), key, ttl.toMillis()))
                .compose(
                    v ->
                        tx.preparedQuery(CLAIM_KEY).execute(Tuple.of(actor.id(), key, requestHash)))
                .compose(
                    claimed ->
                        claimed.size() > 0
                            ? insert(tx, product, actor, traceparent)
                                .compose(
                                    created ->
                                        tx.preparedQuery(KEEP_ANSWER)
                                            .execute(Tuple.of(actor.id(), key, created.toJson()))
                                            .map(v -> new Created(created, false)))
                            : tx.preparedQuery(FIND_KEY)
                                .execute(Tuple.of(actor.id(), key))
                                .compose(
                                    rows -> {
                                      Row earlier = rows.iterator().next();
                                      if (!earlier.getString("request_hash").equals(requestHash)) {
                                        return Future.failedFuture(
                                            new IdempotencyConflictException(
                                                "this Idempotency-Key was already used with a different request body"));
                                      }
                                      return Future.succeededFuture(
                                          new Created(
                                              Product.fromJson(
                                                  (JsonObject) earlier.getJson("response")),
                                              true));
                                    })));
  }

  public Future<Optional<Product>> find(long id) {
    return pool.preparedQuery(SELECT_ONE)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Product.fromRow(rows.iterator().next())));
  }

  /**
   * One page, newest first.
   *
   * @param categoryId only this category's products, or null for all
   */
  public Future<Page<Product>> page(int limit, long offset, @Nullable Long categoryId) {
    Future<RowSet<Row>> page =
        categoryId == null
            ? pool.preparedQuery(SELECT_PAGE).execute(Tuple.of(limit, offset))
            : pool.preparedQuery(SELECT_PAGE_OF_CATEGORY)
                .execute(Tuple.of(limit, offset, categoryId));
    return page.compose(
        rows -> {
          List<Product> items = new ArrayList<>(rows.size());
          Long total = null;
          for (Row row : rows) {
            items.add(Product.fromRow(row));
            total = row.getLong("total");
          }
          // Past the last page no row carries the total: ask for it alone.
          Future<Long> counted =
              total != null
                  ? Future.succeededFuture(total)
                  : (categoryId == null
                          ? pool.preparedQuery(COUNT).execute()
                          : pool.preparedQuery(COUNT_OF_CATEGORY).execute(Tuple.of(categoryId)))
                      .map(count -> count.iterator().next().getLong(0));
          return counted.map(count -> new Page<>(items, count, limit, offset));
        });
  }

  /**
   * Up to {@code limit} products with ids above {@code afterId}, in id order.
   *
   * @param ownerId only this user's products, or null for every product
   */
  public Future<Batch> exportPage(@Nullable Long ownerId, long afterId, int limit) {
    Future<RowSet<Row>> rows =
        ownerId == null
            ? pool.preparedQuery(EXPORT_PAGE_ALL).execute(Tuple.of(afterId, limit))
            : pool.preparedQuery(EXPORT_PAGE_OF_OWNER).execute(Tuple.of(ownerId, afterId, limit));
    return rows.map(
        page -> {
          List<Product> items = new ArrayList<>(page.size());
          page.forEach(row -> items.add(Product.fromRow(row)));
          return new Batch(items);
        });
  }

  /**
   * How many products an export covers.
   *
   * @param ownerId only this user's products, or null for every product
   */
  public Future<Long> count(@Nullable Long ownerId) {
    Future<RowSet<Row>> rows =
        ownerId == null
            ? pool.preparedQuery(COUNT).execute()
            : pool.preparedQuery(COUNT_OF_OWNER).execute(Tuple.of(ownerId));
    return rows.map(count -> count.iterator().next().getLong(0));
  }

  /**
   * The updated product; fails with NotFound, Forbidden (the actor neither owns it nor is an admin)
   * or PreconditionFailed.
   *
   * @param expectedVersions the versions the write may apply to (If-Match), or null for any: the
   *     check and the write are one statement, so two racing writers cannot both pass it
   */
  public Future<Product> update(
      long id, Changes changes, Actor actor, @Nullable List<Integer> expectedVersions) {
    Tuple params =
        Tuple.tuple()
            .addLong(id)
            .addBoolean(changes.name() != null)
            .addString(changes.name())
            .addBoolean(changes.descriptionSent())
            .addString(changes.description())
            .addBoolean(changes.priceCents() != null)
            .addLong(changes.priceCents())
            .addBoolean(changes.stock() != null)
            .addInteger(changes.stock())
            .addBoolean(actor.admin())
            .addLong(actor.id())
            .addArrayOfInteger(versions(expectedVersions))
            .addBoolean(changes.categorySent())
            .addLong(changes.categoryId())
            .addString(TraceContext.traceparent());
    return pool.preparedQuery(UPDATE)
        .execute(params)
        .recover(ProductRepository::unknownCategory)
        .compose(
            rows ->
                rows.size() > 0
                    ? Future.succeededFuture(Product.fromRow(rows.iterator().next()))
                    : whyNotWritten(id, actor));
  }

  /**
   * Returns the version the product had when deleted; fails with NotFound, Forbidden or
   * PreconditionFailed.
   */
  public Future<Integer> delete(long id, Actor actor, @Nullable List<Integer> expectedVersions) {
    Tuple params =
        Tuple.tuple()
            .addLong(id)
            .addBoolean(actor.admin())
            .addLong(actor.id())
            .addArrayOfInteger(versions(expectedVersions))
            .addString(TraceContext.traceparent());
    return pool.preparedQuery(DELETE)
        .execute(params)
        .compose(
            rows ->
                rows.size() > 0
                    ? Future.succeededFuture(rows.iterator().next().getInteger("version"))
                    : whyNotWritten(id, actor));
  }

  /**
   * A write matched no row: say why, in the order a client can act on (gone, not yours, changed).
   */
  private <T> Future<T> whyNotWritten(long id, Actor actor) {
    return pool.preparedQuery(CURRENT)
        .execute(Tuple.of(id))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(
                    new NotFoundException("product " + id + " does not exist"));
              }
              Row current = rows.iterator().next();
              Long owner = current.getLong("owner_id");
              if (!actor.admin() && (owner == null || owner != actor.id())) {
                return Future.failedFuture(
                    new ForbiddenException(
                        "only the owner of product " + id + " or an admin may change it"));
              }
              return Future.failedFuture(
                  new PreconditionFailedException(
                      "product "
                          + id
                          + " has changed: it is at version "
                          + current.getInteger("version")
                          + " (ETag \""
                          + current.getInteger("version")
                          + "\"); read it again"));
            });
  }

  /** A category_id that names no category is the client's mistake, not the database's. */
  private static <T> Future<T> unknownCategory(Throwable failure) {
    if (failure instanceof PgException pg
        && "23503".equals(pg.getSqlState())
        && String.valueOf(pg.getConstraint()).contains("category")) {
      return Future.failedFuture(
          new BusFailureException(
              BusFailure.UNPROCESSABLE, "category_id names a category that does not exist"));
    }
    return Future.failedFuture(failure);
  }

  private static Integer @Nullable [] versions(@Nullable List<Integer> versions) {
    return versions == null ? null : versions.toArray(Integer[]::new);
  }
}
