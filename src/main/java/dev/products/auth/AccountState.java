package dev.products.auth;

import dev.products.platform.bus.BusFailure;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a verified access token's holder may do now, read the same way for every channel that takes
 * a token (HTTP bearer, WebSocket, event bus bridge): the claims must name a user and a token id,
 * the account must exist and be enabled, the token must not be revoked.
 */
public final class AccountState {

  /**
   * The token or its account is not (or no longer) good; the message may be shown to the client.
   */
  public static final class Refused extends RuntimeException {
    private final String reason;

    public Refused(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }

    /** Why the token was refused (the message, typed as never null). */
    public String reason() {
      return reason;
    }
  }

  private AccountState() {}

  /** The holder named by a verified token's claims, its role not yet known. */
  public static AuthUser holder(@Nullable JsonObject claims) {
    if (claims == null) {
      throw new Refused("the token does not name a user");
    }
    // vertx-auth-jwt checks an expiry only when there is one: a token that never ends is ours to
    // refuse (every token this service issues has one).
    if (!(claims.getValue("exp") instanceof Number)) {
      throw new Refused("the token has no expiry");
    }
    // RFC 7519: sub and jti are strings. JsonObject.getString would turn a number into one, and
    // {"sub": 1} would name user 1. sid (the session, as OpenID Connect names it) is ours: every
    // token names the login it belongs to, so ending the login ends the token.
    if (!(claims.getValue("sub") instanceof String sub)
        || !(claims.getValue("jti") instanceof String jtiClaim)
        || !(claims.getValue("sid") instanceof String sid)) {
      throw new Refused("the token does not name a user");
    }
    try {
      long userId = Long.parseLong(sub);
      String jti = UUID.fromString(jtiClaim).toString();
      String session = UUID.fromString(sid).toString();
      return new AuthUser(userId, null, jti, session, claims.getLong("exp", 0L));
    } catch (RuntimeException malformed) {
      throw new Refused("the token does not name a user");
    }
  }

  /**
   * Returns the holder with the account's current role; {@link Refused} with the reason; or the
   * reply's own failure when the state could not be read (that says nothing about the token).
   *
   * @param stateReply the repository's answer to {@code users.auth-state} for the holder
   */
  public static Future<AuthUser> judge(Future<UsersBus.AuthState> stateReply, AuthUser holder) {
    return stateReply
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof ReplyException reply
                            && BusFailure.of(reply) == BusFailure.NOT_FOUND
                        ? new Refused("the account no longer exists")
                        : failure))
        .compose(
            state -> {
              if (state.revoked()) {
                return Future.failedFuture(new Refused("the token has been revoked"));
              }
              if (state.sessionEnded()) {
                return Future.failedFuture(new Refused("the session has been revoked"));
              }
              if (state.disabled()) {
                return Future.failedFuture(new Refused("the account is disabled"));
              }
              return Future.succeededFuture(
                  new AuthUser(
                      holder.id(),
                      state.role(),
                      holder.jti(),
                      holder.session(),
                      holder.expiresAtEpochSecond()));
            });
  }
}
