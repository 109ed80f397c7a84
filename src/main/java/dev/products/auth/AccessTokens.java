package dev.products.auth;

import dev.products.config.JwtConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs and checks access tokens (JWTs from vertx-auth-jwt) with the configured key: claims {@code
 * sub}, {@code role}, {@code iat}, {@code exp}, {@code iss}, {@code aud}, {@code jti}. Only the
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

  /**
   * Resolves the keys once per process: reads the PEM files, or the dev key kept under {@code
   * dataDir} by a dev instance without JWT_SECRET ({@link DevSigningKey}). The result is shared by
   * every HTTP verticle.
   */
  public static Future<JWTAuthOptions> resolveOptions(Vertx vertx, JwtConfig config, Path dataDir) {
    JWTOptions verification =
        new JWTOptions()
            .setIssuer(config.issuer())
            .setAudience(List.of(config.audience()))
            .setLeeway(5);
    if (config.algorithm().equals("HS256")) {
      Future<String> secret =
          config.generatedSecret()
              ? DevSigningKey.loadOrCreate(vertx, dataDir)
              : Future.succeededFuture(config.secret());
      return secret.map(
          key ->
              new JWTAuthOptions()
                  .setJWTOptions(verification)
                  .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key)));
    }
    Future<String> privateKey =
        vertx
            .fileSystem()
            .readFile(
                Objects.requireNonNull(config.privateKeyPath(), "checked by JwtConfig").toString())
            .map(buffer -> buffer.toString(StandardCharsets.US_ASCII));
    Future<String> publicKey =
        vertx
            .fileSystem()
            .readFile(
                Objects.requireNonNull(config.publicKeyPath(), "checked by JwtConfig").toString())
            .map(buffer -> buffer.toString(StandardCharsets.US_ASCII));
    return Future.all(privateKey, publicKey)
        .map(
            read ->
                new JWTAuthOptions()
                    .setJWTOptions(verification)
                    .addPubSecKey(
                        new PubSecKeyOptions()
                            .setAlgorithm(config.algorithm())
                            .setBuffer(privateKey.result()))
                    .addPubSecKey(
                        new PubSecKeyOptions()
                            .setAlgorithm(config.algorithm())
                            .setBuffer(publicKey.result())));
  }

  public static AccessTokens create(Vertx vertx, JwtConfig config, JWTAuthOptions options) {
    return new AccessTokens(new ClaimSafeJwtAuth(JWTAuth.create(vertx, options)), config);
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
