package dev.products.auth;

import dev.products.platform.config.JwtConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens (JWTs from vertx-auth-jwt) with the current key, naming it in the {@code kid}
 * header, and checks them against the current and the previous keys ({@link JwtKeys}): claims
 * {@code sub}, {@code role}, {@code iat}, {@code exp}, {@code iss}, {@code aud}, {@code jti} and
 * {@code sid} (the session: the refresh-token family the token was issued from). Only the
 * configured algorithm is accepted, so {@code alg: none} and algorithm swaps are refused.
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

  /**
   * Signs an access token for this user and session.
   *
   * @param session the refresh-token family (login) the token belongs to
   * @param sessionEndsAtEpochSecond when that login ends: no token outlives its session
   */
  public Issued issue(long userId, String role, String session, long sessionEndsAtEpochSecond) {
    String jti = UUID.randomUUID().toString();
    long ttl =
        Math.max(
            1,
            Math.min(
                config.accessTokenTtl().toSeconds(),
                sessionEndsAtEpochSecond - Instant.now().getEpochSecond()));
    String token =
        jwt.generateToken(
            new JsonObject()
                .put("sub", String.valueOf(userId))
                .put("role", role)
                .put("jti", jti)
                .put("sid", session),
            new JWTOptions()
                .setAlgorithm(config.algorithm())
                .setExpiresInSeconds((int) ttl)
                .setIssuer(config.issuer())
                .setAudience(List.of(config.audience())));
    return new Issued(token, jti, ttl);
  }
}
