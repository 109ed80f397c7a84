package dev.products.auth;

import dev.products.platform.bus.Bus;
import dev.products.platform.logging.LogContext;
import dev.products.users.UsersBus;
import io.vertx.core.Handler;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;

/**
 * Bearer authentication in two steps. The contract's security binding runs {@link #jwtHandler()}:
 * signature, algorithm, expiry, issuer and audience. Then {@link #currentUser(RoutingContext)} asks
 * the repository what the holder may do now, so a disabled user, a changed role or a revoked token
 * take effect on the very next request.
 */
public final class BearerAuthentication {

  public static final String REALM = "products-api";
  public static final String CHALLENGE = "Bearer realm=\"" + REALM + "\"";

  private final JWTAuthHandler jwtHandler;
  private final Bus bus;

  public BearerAuthentication(AccessTokens tokens, Bus bus) {
    this.jwtHandler = new BearerCredentials(JWTAuthHandler.create(tokens.provider(), REALM));
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
    AuthUser holder;
    try {
      holder =
          AccountState.holder(user == null ? null : user.attributes().getJsonObject("accessToken"));
    } catch (AccountState.Refused refused) {
      refuse(rc, refused.reason());
      return;
    }
    AccountState.judge(
            bus.request(
                UsersBus.AUTH_STATE,
                new UsersBus.AuthStateQuery(holder.id(), holder.jti(), holder.session())),
            holder)
        .onSuccess(
            current -> {
              current.attachTo(rc);
              LogContext.put(LogContext.USER_ID, String.valueOf(current.id()));
              rc.next();
            })
        .onFailure(
            failure -> {
              if (failure instanceof AccountState.Refused refused) {
                refuse(rc, refused.reason());
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
