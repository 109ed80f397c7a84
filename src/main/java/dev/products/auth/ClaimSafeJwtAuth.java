package dev.products.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.CredentialValidationException;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * vertx-auth-jwt reads claims with typed getters after the signature checks out, so a token signed
 * with our key but carrying, say, a string {@code exp} throws a ClassCastException out of {@code
 * authenticate}. Whatever a token holds, a token that cannot be read is a refused credential, never
 * a failure of ours.
 */
final class ClaimSafeJwtAuth implements JWTAuth {

  private final JWTAuth delegate;

  ClaimSafeJwtAuth(JWTAuth delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    try {
      return delegate
          .authenticate(credentials)
          .recover(
              failure ->
                  failure instanceof RuntimeException
                          && !(failure instanceof CredentialValidationException)
                      ? Future.failedFuture(unreadable(failure))
                      : Future.failedFuture(failure));
    } catch (RuntimeException failure) {
      return Future.failedFuture(unreadable(failure));
    }
  }

  private static CredentialValidationException unreadable(Throwable failure) {
    return new CredentialValidationException(
        "the token's claims cannot be read: " + failure.getClass().getSimpleName());
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    return delegate.generateToken(claims, options);
  }

  @Override
  public String generateToken(JsonObject claims) {
    return delegate.generateToken(claims);
  }
}
