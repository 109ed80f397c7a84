package dev.products.auth;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Internal events (never bridged) that end live sessions at once on every node: published when a
 * user logs out (that token's id) or an admin disables an account (every token of the user). They
 * cross the cluster, so they travel as JSON, written and read only by {@link Revoked}.
 */
public final class SessionEvents {

  public static final String REVOKED = "sessions.revoked";

  private SessionEvents() {}

  /** Tells every node that a session ended. */
  public static void publish(EventBus eventBus, Revoked revoked) {
    eventBus.publish(REVOKED, revoked.toJson());
  }

  /**
   * Sockets of this user (holding this token, if named) must close.
   *
   * @param jti one token, or null for every token of the user
   */
  public record Revoked(long userId, @Nullable String jti) {

    public JsonObject toJson() {
      return new JsonObject().put("user_id", userId).put("jti", jti);
    }

    public static Revoked fromJson(JsonObject json) {
      return new Revoked(json.getLong("user_id"), json.getString("jti"));
    }
  }
}
