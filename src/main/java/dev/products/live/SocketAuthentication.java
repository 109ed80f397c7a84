package dev.products.live;

import dev.products.auth.AccessTokens;
import dev.products.auth.AccountState;
import dev.products.auth.AuthUser;
import dev.products.platform.bus.Bus;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.ext.auth.authentication.TokenCredentials;
import org.jspecify.annotations.Nullable;

/**
 * The same two checks as bearer authentication on HTTP, for a token that arrives in a WebSocket
 * handshake, a WebSocket message or a bridge registration: the JWT (signature, algorithm, expiry,
 * issuer, audience), then the account (exists, not disabled, token not revoked).
 */
public final class SocketAuthentication {

  private final Bus bus;
  private final AccessTokens tokens;

  public SocketAuthentication(Bus bus, AccessTokens tokens) {
    this.bus = bus;
    this.tokens = tokens;
  }

  /**
   * Fails with {@link AccountState.Refused} and a reason fit to show the client (never the token).
   */
  public Future<AuthUser> authenticate(@Nullable String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new AccountState.Refused("no access token"));
    }
    return tokens
        .provider()
        .authenticate(new TokenCredentials(token))
        .recover(
            invalid ->
                Future.failedFuture(new AccountState.Refused("the access token is not valid")))
        .compose(
            user ->
                stillValid(AccountState.holder(user.attributes().getJsonObject("accessToken"))));
  }

  /** The holder as the account is now; see {@link AccountState#judge}. */
  public Future<AuthUser> stillValid(AuthUser holder) {
    return AccountState.judge(
        bus.request(
            UsersBus.AUTH_STATE,
            new UsersBus.AuthStateQuery(holder.id(), holder.jti(), holder.session())),
        holder);
  }
}
