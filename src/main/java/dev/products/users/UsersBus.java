package dev.products.users;

import dev.products.platform.bus.BusFailure;
import io.vertx.core.json.JsonObject;

/**
 * The event bus contract of users (local request/reply). A user travels as {@code {"id", "email",
 * "role", "disabled", "created_at", "updated_at"}}; the password hash only ever leaves the
 * repository in the reply to {@link #CREDENTIALS}, which the login uses.
 */
public final class UsersBus {

  /**
   * {@code {"email", "password_hash", "role"}} → the user, or {@link BusFailure#CONFLICT} if the
   * e-mail is taken.
   */
  public static final String CREATE = "users.create";

  /** {@code {"id"}} → the user, or {@link BusFailure#NOT_FOUND}. */
  public static final String GET = "users.get";

  /** {@code {"limit", "offset"}} → {@code {"items": [user…], "total", "limit", "offset"}}. */
  public static final String LIST = "users.list";

  /**
   * {@code {"id", "changes": {"role"?, "disabled"?}}} → the user, or {@link BusFailure#NOT_FOUND}.
   */
  public static final String UPDATE = "users.update";

  /**
   * {@code {"email"}} → {@code {"id", "role", "disabled", "password_hash"}}, or {@link
   * BusFailure#NOT_FOUND}.
   */
  public static final String CREDENTIALS = "users.credentials";

  /**
   * {@code {"id", "jti"}} → {@code {"role", "disabled", "revoked"}}: what a bearer token's holder
   * may do now, checked on every authenticated request so a disabled user or a revoked token stops
   * working at once. {@link BusFailure#NOT_FOUND} if the user is gone.
   */
  public static final String AUTH_STATE = "users.auth-state";

  /**
   * {@code {"email", "password_hash"}} → {@code {"created": bool}}: makes this account an admin
   * when no admin exists (start-up bootstrap); otherwise changes nothing.
   */
  public static final String ENSURE_ADMIN = "users.ensure-admin";

  private UsersBus() {}

  public static JsonObject authState(long userId, String jti) {
    return new JsonObject().put("id", userId).put("jti", jti);
  }
}
