package dev.products.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * One JWTAuth over two providers: tokens are signed by one holding only the current key (a provider
 * with several keys signs with a random one, and a token signed with a previous key would stop
 * working once that key is dropped), and checked by one holding the current and the previous keys.
 * Whoever holds this provider cannot get either half wrong.
 */
final class KeyRingJwtAuth implements JWTAuth {

  private final JWTAuth signer;
  private final JWTAuth verifier;

  KeyRingJwtAuth(JWTAuth signer, JWTAuth verifier) {
    this.signer = signer;
    this.verifier = verifier;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    return verifier.authenticate(credentials);
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    return signer.generateToken(claims, options);
  }

  @Override
  public String generateToken(JsonObject claims) {
    return signer.generateToken(claims);
  }
}
