package dev.products.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The one reusable authorization check: the caller must hold {@code role} (admins hold every role).
 */
public final class RequireRole implements Handler<RoutingContext> {

  private final String role;

  private RequireRole(String role) {
    this.role = role;
  }

  public static RequireRole of(String role) {
    return new RequireRole(role);
  }

  @Override
  public void handle(RoutingContext rc) {
    AuthUser user = AuthUser.of(rc);
    if (user.isAdmin() || role.equals(user.role())) {
      rc.next();
    } else {
      rc.fail(new HttpException(403, "this operation needs the " + role + " role"));
    }
  }
}
