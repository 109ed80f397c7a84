package dev.products.auth;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Internal events (never bridged) that end live sessions at once on every node: a logout (one token
 * and its session), a refresh token reused (its session), a password change (every session of the
 * user but the one that changed it), a reset or a disabled account (every session). Live sockets
 * and bridge registrations holding a matching token close. They cross the cluster, so they travel
 * as JSON, written and read only by {@link Revoked}.
 */
public final class SessionEvents {

  public static final String REVOKED = "sessions.revoked";

  private SessionEvents() {}

  /** Tells every node that sessions ended. */
  public static void publish(EventBus eventBus, Revoked revoked) {
    eventBus.publish(REVOKED, revoked.toJson());
  }

  /**
   * Tokens of this user that must stop working: those with this token id, of this session, or all
   * of them but the kept session's (each condition only when named).
   *
   * @param reason why, in words a client may be shown
   */
  public record Revoked(
      long userId,
      @Nullable String jti,
      @Nullable String session,
      @Nullable String keptSession,
      String reason) {

    /** A logout: the token presented and its session. */
    public static Revoked logout(AuthUser holder) {
      return new Revoked(holder.id(), null, holder.session(), null, "the token has been revoked");
    }

    /** A session ended on its own (a rotated refresh token came back). */
    public static Revoked session(long userId, String session) {
      return new Revoked(userId, null, session, null, "the session has been revoked");
    }

    /** Every session of the user. */
    public static Revoked everySession(long userId, String reason) {
      return new Revoked(userId, null, null, null, reason);
    }

    /** Every session of the user but one (the one that changed the password). */
    public static Revoked everySessionBut(long userId, String kept) {
      return new Revoked(userId, null, null, kept, "the password has been changed");
    }

    /** Whether a socket authenticated with this holder's token must close. */
    public boolean ends(AuthUser holder) {
      return holder.id() == userId
          && (jti == null || jti.equals(holder.jti()))
          && (session == null || session.equals(holder.session()))
          && (keptSession == null || !keptSession.equals(holder.session()));
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("user_id", userId)
          .put("jti", jti)
          .put("session", session)
          .put("kept_session", keptSession)
          .put("reason", reason);
    }

    public static Revoked fromJson(JsonObject json) {
      return new Revoked(
          json.getLong("user_id"),
          json.getString("jti"),
          json.getString("session"),
          json.getString("kept_session"),
          json.getString("reason", "the session has been revoked"));
    }
  }
}
