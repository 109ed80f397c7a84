package dev.products.auth;

import dev.products.platform.config.JwtConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens (JWTs from vertx-auth-jwt) with the current key, naming it in the {@code kid}
 * header, and checks them against the current and the previous keys ({@link JwtKeys}): claims
 * {@code sub}, {@code role}, {@code iat}, {@code exp}, {@code iss}, {@code aud}, {@code jti}. Only
 * the configured algorithm is accepted, so {@code alg: none} and algorithm swaps are refused.
 */
public final class AccessTokens {

  /** A signed token and what the server needs to know about it. */
  public record Issued(String token, String jti, long expiresInSeconds) {}

  private final JWTAuth jwt;
  private final JwtConfig config;

  private AccessTokens(JWTAuth jwt, JwtConfig config) {
    this.jwt = jwt;
    this.config = config;
  }

  public static AccessTokens create(Vertx vertx, JwtConfig config, JwtKeys keys) {
    return new AccessTokens(
        new ClaimSafeJwtAuth(
            new KeyRingJwtAuth(
                JWTAuth.create(vertx, keys.signing()), JWTAuth.create(vertx, keys.verification()))),
        config);
  }

  public JWTAuth provider() {
    return jwt;
  }

  public Issued issue(long userId, String role) {
    String jti = UUID.randomUUID().toString();
    long ttl = config.accessTokenTtl().toSeconds();
    String token =
        jwt.generateToken(
            new JsonObject().put("sub", String.valueOf(userId)).put("role", role).put("jti", jti),
            new JWTOptions()
                .setAlgorithm(config.algorithm())
                .setExpiresInSeconds((int) ttl)
                .setIssuer(config.issuer())
                .setAudience(List.of(config.audience())));
    return new Issued(token, jti, ttl);
  }
}
