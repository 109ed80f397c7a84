package dev.products.users;

import dev.products.platform.store.ConflictException;
import dev.products.platform.store.NotFoundException;
import dev.products.platform.store.Page;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The users table, in prepared statements. Password hashes leave only through {@link #credentials}.
 */
public final class UserRepository {

  private static final String COLUMNS = "id, email, role, disabled, created_at, updated_at";

  /**
   * The account and its welcome e-mail job in one statement: the mail cannot be lost between the
   * two (a transactional outbox), and NOTIFY wakes the job workers once it commits.
   */
  private static final String INSERT =
      "WITH created AS ("
          + "INSERT INTO users (email, password_hash, role, email_canonical) VALUES ($1, $2, $3, $5)"
          + " RETURNING "
          + COLUMNS
          + "), "
          + "welcome AS (INSERT INTO jobs (kind, payload, max_attempts, created_by) "
          + "SELECT 'welcome-email', jsonb_build_object('user_id', id, 'email', email), $4, id FROM created) "
          + "SELECT "
          + COLUMNS
          + ", pg_notify('jobs', 'welcome-email') FROM created";

  private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM users WHERE id = $1";
  private static final String SELECT_PAGE =
      "SELECT " + COLUMNS + " FROM users ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2";
  private static final String COUNT = "SELECT count(*) FROM users";
  private static final String UPDATE =
      """
      UPDATE users SET
        role       = CASE WHEN $2 THEN $3 ELSE role END,
        disabled   = CASE WHEN $4 THEN $5 ELSE disabled END,
        updated_at = now()
      WHERE id = $1
      RETURNING\s"""
          + COLUMNS;
  private static final String CREDENTIALS =
      "SELECT id, email, role, disabled, password_hash FROM users WHERE email_canonical = $1";
  private static final String CREDENTIALS_OF =
      "SELECT id, email, role, disabled, password_hash FROM users WHERE id = $1";
  private static final String AUTH_STATE =
      """
      SELECT role, disabled,
        EXISTS (SELECT 1 FROM revoked_access_tokens WHERE jti = $2),
        EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $3 AND revoked_at IS NOT NULL)
      FROM users WHERE id = $1""";
  private static final String ENSURE_ADMIN =
      """
      INSERT INTO users (email, password_hash, role, email_canonical)
      SELECT $1, $2, 'admin', $3 WHERE NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin')
      ON CONFLICT (email_canonical) DO UPDATE SET role = 'admin', updated_at = now()
      RETURNING id""";

  private final Pool pool;
  private final int welcomeAttempts;

  /**
   * @param welcomeAttempts attempts the welcome e-mail job gets (JOB_MAX_ATTEMPTS)
   */
  public UserRepository(Pool pool, int welcomeAttempts) {
    this.pool = pool;
    this.welcomeAttempts = welcomeAttempts;
  }

  public Future<User> create(String email, String passwordHash, String role) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(email, passwordHash, role, welcomeAttempts, Emails.canonical(email)))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? new ConflictException("an account with this e-mail already exists")
                        : failure))
        .map(rows -> User.fromRow(rows.iterator().next()));
  }

  public Future<User> find(long id) {
    return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(id)).map(rows -> first(rows, id));
  }

  public Future<Page<User>> page(int limit, long offset) {
    Future<RowSet<Row>> items = pool.preparedQuery(SELECT_PAGE).execute(Tuple.of(limit, offset));
    Future<RowSet<Row>> total = pool.preparedQuery(COUNT).execute();
    return Future.all(items, total)
        .map(
            done -> {
              List<User> users = new ArrayList<>(items.result().size());
              items.result().forEach(row -> users.add(User.fromRow(row)));
              return new Page<>(users, total.result().iterator().next().getLong(0), limit, offset);
            });
  }

  public Future<User> update(UsersBus.Update changes) {
    long id = changes.id();
    Tuple params =
        Tuple.tuple()
            .addLong(id)
            .addBoolean(changes.role() != null)
            .addString(changes.role())
            .addBoolean(changes.disabled() != null)
            .addBoolean(changes.disabled());
    return pool.preparedQuery(UPDATE).execute(params).map(rows -> first(rows, id));
  }

  public Future<UsersBus.Credentials> credentials(String email) {
    return pool.preparedQuery(CREDENTIALS)
        .execute(Tuple.of(Emails.canonical(email)))
        .map(rows -> credentialsOf(rows, "no account with this e-mail"));
  }

  public Future<UsersBus.Credentials> credentials(long id) {
    return pool.preparedQuery(CREDENTIALS_OF)
        .execute(Tuple.of(id))
        .map(rows -> credentialsOf(rows, "user " + id + " does not exist"));
  }

  private static UsersBus.Credentials credentialsOf(RowSet<Row> rows, String missing) {
    if (rows.size() == 0) {
      throw new NotFoundException(missing);
    }
    Row row = rows.iterator().next();
    return new UsersBus.Credentials(
        row.getLong("id"),
        row.getString("email"),
        row.getString("role"),
        row.getBoolean("disabled"),
        row.getString("password_hash"));
  }

  public Future<UsersBus.AuthState> authState(long id, String jti, String session) {
    return pool.preparedQuery(AUTH_STATE)
        .execute(Tuple.of(id, UUID.fromString(jti), UUID.fromString(session)))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw new NotFoundException("user " + id + " does not exist");
              }
              Row row = rows.iterator().next();
              return new UsersBus.AuthState(
                  row.getString(0), row.getBoolean(1), row.getBoolean(2), row.getBoolean(3));
            });
  }

  public Future<Boolean> ensureAdmin(String email, String passwordHash) {
    return pool.preparedQuery(ENSURE_ADMIN)
        .execute(Tuple.of(email, passwordHash, Emails.canonical(email)))
        .map(rows -> rows.size() > 0);
  }

  private static User first(RowSet<Row> rows, long id) {
    if (rows.size() == 0) {
      throw new NotFoundException("user " + id + " does not exist");
    }
    return User.fromRow(rows.iterator().next());
  }
}
