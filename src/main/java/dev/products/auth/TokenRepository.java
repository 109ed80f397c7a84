package dev.products.auth;

import dev.products.platform.store.UnauthorizedException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Refresh token families and revoked access tokens. Tokens arrive as hashes only. */
public final class TokenRepository {

  private static final String ISSUE =
      """
      INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at)
      VALUES ($1, $4, $2, $3)""";
  private static final String LOCK_PRESENTED =
      """
      SELECT id, family_id, user_id, expires_at, used_at, revoked_at
      FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE""";
  private static final String MARK_USED = "UPDATE refresh_tokens SET used_at = now() WHERE id = $1";
  private static final String INSERT_NEXT =
      """
      INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)""";
  private static final String REVOKE_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL";
  private static final String USER_STATE = "SELECT role, disabled FROM users WHERE id = $1";
  private static final String REVOKE_ACCESS =
      """
      INSERT INTO revoked_access_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING""";
  private static final String REVOKE_SESSION =
      """
      UPDATE refresh_tokens SET revoked_at = now()
      WHERE family_id = $1 AND user_id = $2 AND revoked_at IS NULL""";
  private static final String REVOKE_FAMILY_OF =
      """
      UPDATE refresh_tokens SET revoked_at = now()
      WHERE revoked_at IS NULL
        AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)""";

  private final Pool pool;
  private final Consumer<SessionEvents.Revoked> sessionsEnded;

  /**
   * A store that reports the sessions it ends itself.
   *
   * @param sessionsEnded told (after commit) of a session this store ended on its own, so its live
   *     sockets close everywhere
   */
  public TokenRepository(Pool pool, Consumer<SessionEvents.Revoked> sessionsEnded) {
    this.pool = pool;
    this.sessionsEnded = sessionsEnded;
  }

  public Future<Void> issue(
      long userId, String session, String tokenHash, long expiresAtEpochSecond) {
    return pool.preparedQuery(ISSUE)
        .execute(
            Tuple.of(hash(tokenHash), userId, time(expiresAtEpochSecond), UUID.fromString(session)))
        .mapEmpty();
  }

  /**
   * Rotation in one transaction. A reused token's family is revoked and that revocation is
   * committed before the failure is reported, so the theft signal is never rolled back.
   */
  public Future<TokensBus.Holder> rotate(
      String tokenHash, String newTokenHash, long expiresAtEpochSecond) {
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(LOCK_PRESENTED)
                    .execute(Tuple.of(hash(tokenHash)))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return Future.succeededFuture(Outcome.refused("unknown refresh token"));
                          }
                          Row presented = rows.iterator().next();
                          UUID family = presented.getUUID("family_id");
                          if (presented.getOffsetDateTime("revoked_at") != null) {
                            return Future.succeededFuture(Outcome.refused("refresh token revoked"));
                          }
                          if (presented.getOffsetDateTime("used_at") != null) {
                            return connection
                                .preparedQuery(REVOKE_FAMILY)
                                .execute(Tuple.of(family))
                                .map(
                                    revoked ->
                                        Outcome.ended(
                                            "refresh token reused; its family is revoked",
                                            SessionEvents.Revoked.session(
                                                presented.getLong("user_id"), family.toString())));
                          }
                          if (presented
                              .getOffsetDateTime("expires_at")
                              .toInstant()
                              .isBefore(Instant.now())) {
                            return Future.succeededFuture(Outcome.refused("refresh token expired"));
                          }
                          long userId = presented.getLong("user_id");
                          OffsetDateTime sessionEnds =
                              familyExpiry(
                                  presented.getOffsetDateTime("expires_at"), expiresAtEpochSecond);
                          return connection
                              .preparedQuery(MARK_USED)
                              .execute(Tuple.of(presented.getLong("id")))
                              .compose(
                                  v ->
                                      connection
                                          .preparedQuery(INSERT_NEXT)
                                          .execute(
                                              Tuple.of(
                                                  hash(newTokenHash), family, userId, sessionEnds)))
                              .compose(v -> userState(connection, userId, family, sessionEnds));
                        }))
        .map(
            outcome -> {
              if (outcome.ended() != null) {
                sessionsEnded.accept(outcome.ended());
              }
              if (outcome.refusal() != null) {
                throw new UnauthorizedException(outcome.refusal());
              }
              return outcome.user();
            });
  }

  public Future<Void> revoke(
      long userId,
      String jti,
      String session,
      long expiresAtEpochSecond,
      @Nullable String refreshTokenHash) {
    Future<?> access =
        pool.preparedQuery(REVOKE_ACCESS)
            .execute(Tuple.of(UUID.fromString(jti), time(expiresAtEpochSecond)));
    Future<?> ownSession =
        pool.preparedQuery(REVOKE_SESSION).execute(Tuple.of(UUID.fromString(session), userId));
    Future<?> family =
        refreshTokenHash == null
            ? Future.succeededFuture()
            : pool.preparedQuery(REVOKE_FAMILY_OF)
                .execute(Tuple.of(hash(refreshTokenHash), userId));
    return Future.all(access, ownSession, family).mapEmpty();
  }

  private static Future<Outcome> userState(
      SqlConnection connection, long userId, UUID session, OffsetDateTime sessionEnds) {
    return connection
        .preparedQuery(USER_STATE)
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return Outcome.granted(
                  new TokensBus.Holder(
                      userId,
                      row.getString("role"),
                      row.getBoolean("disabled"),
                      session.toString(),
                      sessionEnds.toEpochSecond()));
            });
  }

  private static Buffer hash(String base64Url) {
    return Buffer.buffer(Base64.getUrlDecoder().decode(base64Url));
  }

  /**
   * A successor never outlives its family: REFRESH_TOKEN_TTL counts from the login, and rotation
   * (which a stolen token's holder can do as well as its owner) does not extend it.
   */
  private static OffsetDateTime familyExpiry(OffsetDateTime presented, long requestedEpochSecond) {
    OffsetDateTime requested = time(requestedEpochSecond);
    return requested.isBefore(presented) ? requested : presented;
  }

  private static OffsetDateTime time(long epochSecond) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  private record Outcome(
      TokensBus.@Nullable Holder user,
      @Nullable String refusal,
      SessionEvents.@Nullable Revoked ended) {
    static Outcome refused(String why) {
      return new Outcome(null, why, null);
    }

    static Outcome ended(String why, SessionEvents.Revoked ended) {
      return new Outcome(null, why, ended);
    }

    static Outcome granted(TokensBus.Holder user) {
      return new Outcome(user, null, null);
    }
  }
}
