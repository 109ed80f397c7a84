package dev.products.auth;

import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Internal events (never bridged) that end live sessions at once on every node: published when a
 * user logs out (that token's id) or an admin disables an account (every token of the user).
 */
public final class SessionEvents {

  /**
   * {@code {"user_id", "jti"?}}: sockets of this user (holding this token, if named) must close.
   */
  public static final String REVOKED = "sessions.revoked";

  private SessionEvents() {}

  /**
   * The event that tells every node a session ended.
   *
   * @param jti one token, or null for every token of the user
   */
  public static JsonObject revoked(long userId, @Nullable String jti) {
    return new JsonObject().put("user_id", userId).put("jti", jti);
  }
}
