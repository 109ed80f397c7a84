package dev.products.categories;

import dev.products.platform.store.ConflictException;
import dev.products.platform.store.NotFoundException;
import dev.products.platform.store.Page;
import dev.products.platform.store.PreconditionFailedException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The categories table (V10), in prepared statements only. What the database refuses on purpose (a
 * taken name or slug, a category still in use) comes back as a {@link ConflictException} that says
 * which.
 */
public final class CategoryRepository {

  private static final String COLUMNS = Category.COLUMNS;

  private static final String INSERT =
      "INSERT INTO categories (name, slug, description) VALUES ($1, $2, $3) RETURNING " + COLUMNS;

  private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM categories WHERE id = $1";

  /** Name order, read from the unique index on name: names are unique, so no tie to break. */
  private static final String SELECT_PAGE =
      "SELECT " + COLUMNS + " FROM categories ORDER BY name LIMIT $1 OFFSET $2";

  private static final String COUNT = "SELECT count(*) FROM categories";

  private static final String CURRENT_VERSION = "SELECT version FROM categories WHERE id = $1";

  /**
   * Each column is written only when its flag is true, so a PATCH changes exactly the fields it
   * sent; the If-Match check and the write are one statement, so two racing writers cannot both
   * pass it.
   */
  private static final String UPDATE =
      """
      UPDATE categories SET
        name        = CASE WHEN $2 THEN $3 ELSE name END,
        slug        = CASE WHEN $4 THEN $5 ELSE slug END,
        description = CASE WHEN $6 THEN $7 ELSE description END,
        version     = version + 1,
        updated_at  = now()
      WHERE id = $1 AND ($8::int[] IS NULL OR version = ANY($8))
      RETURNING\s"""
          + COLUMNS;

  private static final String DELETE =
      "DELETE FROM categories WHERE id = $1 AND ($2::int[] IS NULL OR version = ANY($2))"
          + " RETURNING version";

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String NAME_KEY = "categories_name_key";
  private static final String SLUG_KEY = "categories_slug_key";

  private final Pool pool;

  public CategoryRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Category> create(CategoriesBus.NewCategory category) {
    Tuple params = Tuple.of(category.name(), category.slug(), category.description());
    return pool.preparedQuery(INSERT)
        .execute(params)
        .recover(failure -> Future.failedFuture(taken(failure, category.name(), category.slug())))
        .map(rows -> Category.fromRow(rows.iterator().next()));
  }

  public Future<Category> find(long id) {
    return pool.preparedQuery(SELECT_ONE)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw notFound(id);
              }
              return Category.fromRow(rows.iterator().next());
            });
  }

  public Future<Page<Category>> page(int limit, long offset) {
    Future<RowSet<Row>> items = pool.preparedQuery(SELECT_PAGE).execute(Tuple.of(limit, offset));
    Future<RowSet<Row>> total = pool.preparedQuery(COUNT).execute();
    return Future.all(items, total)
        .map(
            done -> {
              List<Category> categories = new ArrayList<>(items.result().size());
              items.result().forEach(row -> categories.add(Category.fromRow(row)));
              return new Page<>(
                  categories, total.result().iterator().next().getLong(0), limit, offset);
            });
  }

  /**
   * The updated category; fails with NotFound, Conflict (name or slug taken) or PreconditionFailed.
   *
   * @param expectedVersions the versions the write may apply to (If-Match), or null for any
   */
  public Future<Category> update(
      long id, CategoriesBus.Changes changes, @Nullable List<Integer> expectedVersions) {
    Tuple params =
        Tuple.tuple()
            .addLong(id)
            .addBoolean(changes.name() != null)
            .addString(changes.name())
            .addBoolean(changes.slug() != null)
            .addString(changes.slug())
            .addBoolean(changes.descriptionSent())
            .addString(changes.description())
            .addArrayOfInteger(versions(expectedVersions));
    return pool.preparedQuery(UPDATE)
        .execute(params)
        .recover(failure -> Future.failedFuture(taken(failure, changes.name(), changes.slug())))
        .compose(
            rows ->
                rows.size() > 0
                    ? Future.succeededFuture(Category.fromRow(rows.iterator().next()))
                    : whyNotWritten(id));
  }

  /**
   * Deletes the category; fails with NotFound, PreconditionFailed, or Conflict while products still
   * belong to it (the foreign key of products.category_id refuses the delete).
   */
  public Future<Void> delete(long id, @Nullable List<Integer> expectedVersions) {
    Tuple params = Tuple.tuple().addLong(id).addArrayOfInteger(versions(expectedVersions));
    return pool.preparedQuery(DELETE)
        .execute(params)
        .recover(
            failure ->
                Future.failedFuture(
                    violates(failure, FOREIGN_KEY_VIOLATION)
                        ? new ConflictException(
                            "category "
                                + id
                                + " is still used by products: move or delete them first")
                        : failure))
        .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture() : whyNotWritten(id));
  }

  /** A write matched no row: the category is gone, or it is at another version than If-Match. */
  private <T> Future<T> whyNotWritten(long id) {
    return pool.preparedQuery(CURRENT_VERSION)
        .execute(Tuple.of(id))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(notFound(id));
              }
              int version = rows.iterator().next().getInteger("version");
              return Future.failedFuture(
                  new PreconditionFailedException(
                      "category "
                          + id
                          + " has changed: it is at version "
                          + version
                          + " (ETag \""
                          + version
                          + "\"); read it again"));
            });
  }

  /**
   * A unique violation says which value is taken, by its constraint's name (V10); other failures
   * pass through.
   */
  private static Throwable taken(Throwable failure, @Nullable String name, @Nullable String slug) {
    if (!violates(failure, UNIQUE_VIOLATION)) {
      return failure;
    }
    String constraint = ((PgException) failure).getConstraint();
    if (NAME_KEY.equals(constraint)) {
      return new ConflictException("a category with the name " + name + " already exists");
    }
    if (SLUG_KEY.equals(constraint)) {
      return new ConflictException("a category with the slug " + slug + " already exists");
    }
    return new ConflictException("a category with these values already exists");
  }

  private static boolean violates(Throwable failure, String sqlState) {
    return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("category " + id + " does not exist");
  }

  private static Integer @Nullable [] versions(@Nullable List<Integer> versions) {
    return versions == null ? null : versions.toArray(Integer[]::new);
  }
}
