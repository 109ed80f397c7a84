package dev.products.http.live;

import dev.products.auth.AccessTokens;
import dev.products.auth.AuthUser;
import dev.products.bus.BusFailure;
import dev.products.bus.LocalJsonCodec;
import dev.products.bus.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;

/**
 * The same two checks as bearer authentication on HTTP, for a token that arrives in a WebSocket
 * handshake, a WebSocket message or a bridge registration: the JWT (signature, algorithm, expiry,
 * issuer, audience), then the account (exists, not disabled, token not revoked).
 */
public final class SocketAuthentication {

  private final Vertx vertx;
  private final AccessTokens tokens;

  public SocketAuthentication(Vertx vertx, AccessTokens tokens) {
    this.vertx = vertx;
    this.tokens = tokens;
  }

  /** Fails with a reason fit to show the client (never the token). */
  public Future<AuthUser> authenticate(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("no access token"));
    }
    return tokens.provider().authenticate(new TokenCredentials(token))
        .recover(invalid -> Future.failedFuture(new IllegalArgumentException("the access token is not valid")))
        .compose(user -> {
          JsonObject claims = user.attributes().getJsonObject("accessToken");
          long userId;
          try {
            userId = Long.parseLong(claims.getString("sub"));
          } catch (RuntimeException malformed) {
            return Future.failedFuture(new IllegalArgumentException("the token does not name a user"));
          }
          AuthUser holder = new AuthUser(userId, null, claims.getString("jti"), claims.getLong("exp", 0L));
          return stillValid(holder);
        });
  }

  /**
   * The holder as the account is now (its current role); an {@link IllegalArgumentException}
   * saying why it is no longer valid, or another failure when it could not be checked (the
   * database is unavailable), which says nothing about the token.
   */
  public Future<AuthUser> stillValid(AuthUser holder) {
    return vertx.eventBus().<JsonObject>request(UsersBus.AUTH_STATE, UsersBus.authState(holder.id(), holder.jti()),
            LocalJsonCodec.options().setSendTimeout(5_000))
        .map(Message::body)
        .recover(failure -> Future.failedFuture(
            failure instanceof ReplyException reply && BusFailure.of(reply) == BusFailure.NOT_FOUND
                ? new IllegalArgumentException("the account no longer exists")
                : failure))
        .compose(state -> {
          if (state.getBoolean("revoked")) {
            return Future.failedFuture(new IllegalArgumentException("the token has been revoked"));
          }
          if (state.getBoolean("disabled")) {
            return Future.failedFuture(new IllegalArgumentException("the account is disabled"));
          }
          return Future.succeededFuture(new AuthUser(holder.id(), state.getString("role"), holder.jti(),
              holder.expiresAtEpochSecond()));
        });
  }
}
