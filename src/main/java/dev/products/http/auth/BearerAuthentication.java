package dev.products.http.auth;

import dev.products.auth.AccessTokens;
import dev.products.auth.AuthUser;
import dev.products.bus.UsersBus;
import dev.products.http.BusClient;
import dev.products.logging.LogContext;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;

/**
 * Bearer authentication in two steps. The contract's security binding runs {@link #jwtHandler()}:
 * signature, algorithm, expiry, issuer and audience. Then {@link #currentUser(RoutingContext)}
 * asks the repository what the holder may do now, so a disabled user, a changed role or a
 * revoked token take effect on the very next request.
 */
public final class BearerAuthentication {

  public static final String REALM = "products-api";
  public static final String CHALLENGE = "Bearer realm=\"" + REALM + "\"";

  private final JWTAuthHandler jwtHandler;
  private final BusClient bus;

  public BearerAuthentication(AccessTokens tokens, BusClient bus) {
    this.jwtHandler = JWTAuthHandler.create(tokens.provider(), REALM);
    this.bus = bus;
  }

  public JWTAuthHandler jwtHandler() {
    return jwtHandler;
  }

  public Handler<RoutingContext> currentUserHandler() {
    return this::currentUser;
  }

  private void currentUser(RoutingContext rc) {
    User user = rc.user();
    JsonObject claims = user == null ? null : user.attributes().getJsonObject("accessToken");
    long userId;
    try {
      userId = Long.parseLong(claims.getString("sub"));
      java.util.UUID.fromString(claims.getString("jti"));
    } catch (RuntimeException malformed) {
      refuse(rc, "the token does not name a user");
      return;
    }
    String jti = claims.getString("jti");
    long expiresAt = claims.getLong("exp", 0L);
    bus.request(rc, UsersBus.AUTH_STATE, UsersBus.authState(userId, jti))
        .onSuccess(state -> {
          if (state.getBoolean("revoked")) {
            refuse(rc, "the token has been revoked");
          } else if (state.getBoolean("disabled")) {
            refuse(rc, "the account is disabled");
          } else {
            new AuthUser(userId, state.getString("role"), jti, expiresAt).attachTo(rc);
            LogContext.put(LogContext.USER_ID, String.valueOf(userId));
            rc.next();
          }
        })
        .onFailure(failure -> {
          if (failure instanceof io.vertx.core.eventbus.ReplyException reply && reply.failureCode() == 404) {
            refuse(rc, "the account no longer exists");
          } else {
            rc.fail(failure);
          }
        });
  }

  static void refuse(RoutingContext rc, String why) {
    rc.response().putHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
    rc.fail(new HttpException(401, why));
  }
}
