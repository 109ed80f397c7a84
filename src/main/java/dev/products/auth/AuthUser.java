package dev.products.auth;

import io.vertx.ext.web.RoutingContext;
import org.jspecify.annotations.Nullable;

/**
 * The caller of an authenticated request, as the database says now (role and state are read per
 * request, not trusted from the token), plus the token's id, session (its refresh-token family) and
 * expiry for revocation.
 */
public record AuthUser(
    long id, @Nullable String role, String jti, String session, long expiresAtEpochSecond) {

  public static final String ADMIN = "admin";
  public static final String USER = "user";
  private static final String KEY = "auth_user";

  public boolean isAdmin() {
    return ADMIN.equals(role);
  }

  public void attachTo(RoutingContext rc) {
    rc.put(KEY, this);
  }

  /** The authenticated caller; only call on routes whose contract requires authentication. */
  public static AuthUser of(RoutingContext rc) {
    AuthUser user = rc.get(KEY);
    if (user == null) {
      throw new IllegalStateException("no authenticated user on " + rc.request().path());
    }
    return user;
  }
}
