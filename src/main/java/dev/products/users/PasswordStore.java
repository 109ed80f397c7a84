package dev.products.users;

import dev.products.platform.store.NotFoundException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Password changes and resets. Each change is one statement: the new hash, the sessions it ends,
 * the reset tokens it voids and the notice mail's job commit together or not at all, so no reset or
 * change can leave an old session alive or a notice unsent. Reset tokens arrive as hashes only.
 */
public final class PasswordStore {

  /** The new hash; the user's other sessions and open reset tokens end; the notice is queued. */
  private static final String CHANGE =
      """
      WITH changed AS (
        UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING id
      ), ended AS (
        UPDATE refresh_tokens SET revoked_at = now()
        WHERE user_id = (SELECT id FROM changed) AND revoked_at IS NULL AND family_id <> $3
      ), voided AS (
        UPDATE password_reset_tokens SET used_at = now()
        WHERE user_id = (SELECT id FROM changed) AND used_at IS NULL
      ), notice AS (
        INSERT INTO jobs (kind, payload, max_attempts, created_by)
        SELECT 'password-changed-email', jsonb_build_object('user_id', id), $4, id FROM changed
      )
      SELECT id, pg_notify('jobs', 'password-changed-email') FROM changed""";

  /**
   * The same single statement whether or not the address has an account, so neither the answer nor
   * its timing tells them apart; the job holds the user id, never the address.
   */
  private static final String REQUEST =
      """
      WITH wanted AS (
        INSERT INTO jobs (kind, payload, max_attempts, created_by)
        SELECT 'password-reset-email', jsonb_build_object('user_id', id), $2, id
        FROM users WHERE email_canonical = $1 AND NOT disabled
        RETURNING id
      )
      SELECT pg_notify('jobs', 'password-reset-email') FROM wanted""";

  /** One live token per user: a new one voids the older ones. */
  private static final String ISSUE =
      """
      WITH account AS (
        SELECT id, email FROM users WHERE id = $1 AND NOT disabled
      ), voided AS (
        UPDATE password_reset_tokens SET used_at = now()
        WHERE user_id = (SELECT id FROM account) AND used_at IS NULL
      ), issued AS (
        INSERT INTO password_reset_tokens (token_hash, user_id, expires_at)
        SELECT $2, id, $3 FROM account
      )
      SELECT email FROM account""";

  private static final String HOLDER =
      """
      SELECT u.id, u.email
      FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND NOT u.disabled""";

  /**
   * The token is used up by the first statement that finds it unused (a concurrent second one waits
   * for the row, then no longer matches), so a token resets a password once.
   */
  private static final String RESET =
      """
      WITH token AS (
        UPDATE password_reset_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id
      ), account AS (
        UPDATE users SET password_hash = $2, updated_at = now()
        WHERE id = (SELECT user_id FROM token) AND NOT disabled
        RETURNING id
      ), voided AS (
        UPDATE password_reset_tokens SET used_at = now()
        WHERE user_id = (SELECT id FROM account) AND used_at IS NULL AND token_hash <> $1
      ), ended AS (
        UPDATE refresh_tokens SET revoked_at = now()
        WHERE user_id = (SELECT id FROM account) AND revoked_at IS NULL
      ), notice AS (
        INSERT INTO jobs (kind, payload, max_attempts, created_by)
        SELECT 'password-changed-email', jsonb_build_object('user_id', id), $3, id FROM account
      )
      SELECT id, pg_notify('jobs', 'password-changed-email') FROM account""";

  private final Pool pool;
  private final int mailAttempts;

  /**
   * A store whose mail jobs get this many attempts.
   *
   * @param mailAttempts attempts each notice or reset e-mail job gets (JOB_MAX_ATTEMPTS)
   */
  public PasswordStore(Pool pool, int mailAttempts) {
    this.pool = pool;
    this.mailAttempts = mailAttempts;
  }

  public Future<Void> change(UsersBus.PasswordChange change) {
    return pool.preparedQuery(CHANGE)
        .execute(
            Tuple.of(
                change.userId(),
                change.passwordHash(),
                UUID.fromString(change.keptSession()),
                mailAttempts))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw new NotFoundException("user " + change.userId() + " does not exist");
              }
              return null;
            });
  }

  public Future<Void> requestReset(String email) {
    return pool.preparedQuery(REQUEST)
        .execute(Tuple.of(Emails.canonical(email), mailAttempts))
        .mapEmpty();
  }

  public Future<String> issueResetToken(UsersBus.ResetTokenIssue issue) {
    return pool.preparedQuery(ISSUE)
        .execute(
            Tuple.of(issue.userId(), hash(issue.tokenHash()), time(issue.expiresAtEpochSecond())))
        .map(rows -> only(rows, "no enabled account " + issue.userId()).getString("email"));
  }

  public Future<UsersBus.ResetHolder> holder(String tokenHash) {
    return pool.preparedQuery(HOLDER)
        .execute(Tuple.of(hash(tokenHash)))
        .map(
            rows -> {
              Row row = only(rows, "the reset token is not valid or has expired");
              return new UsersBus.ResetHolder(row.getLong("id"), row.getString("email"));
            });
  }

  public Future<Long> reset(UsersBus.PasswordReset reset) {
    return pool.preparedQuery(RESET)
        .execute(Tuple.of(hash(reset.tokenHash()), reset.passwordHash(), mailAttempts))
        .map(rows -> only(rows, "the reset token is not valid or has expired").getLong("id"));
  }

  private static Row only(RowSet<Row> rows, String missing) {
    if (rows.size() == 0) {
      throw new NotFoundException(missing);
    }
    return rows.iterator().next();
  }

  private static Buffer hash(String base64Url) {
    return Buffer.buffer(Base64.getUrlDecoder().decode(base64Url));
  }

  private static OffsetDateTime time(long epochSecond) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }
}
