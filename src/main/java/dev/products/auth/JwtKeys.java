package dev.products.auth;

import dev.products.platform.config.ConfigException;
import dev.products.platform.config.JwtConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys of access tokens, split in two. vertx-auth-jwt signs with a random one of the signing
 * keys it holds, so {@link #signing()} holds the current key alone; {@link #verification()} holds
 * the current key and the previous ones, each under its {@code kid}, and JWT.decode picks by the
 * token's {@code kid} (a token without one, signed before kids existed, is tried against every key
 * of its algorithm).
 *
 * @param kid the current key's id, carried by every token signed now
 * @param previousKeys how many earlier keys (other than the current one) still verify
 */
public record JwtKeys(
    JWTAuthOptions signing, JWTAuthOptions verification, String kid, int previousKeys) {

  /**
   * Resolves the keys once per process: reads the PEM files, or the dev key kept under {@code
   * dataDir} by a dev instance without JWT_SECRET ({@link DevSigningKey}). The result is shared by
   * every HTTP verticle.
   */
  public static Future<JwtKeys> resolve(Vertx vertx, JwtConfig config, Path dataDir) {
    return config.algorithm().equals("HS256")
        ? hmac(vertx, config, dataDir)
        : asymmetric(vertx, config);
  }

  private static Future<JwtKeys> hmac(Vertx vertx, JwtConfig config, Path dataDir) {
    Future<String> secret =
        config.generatedSecret()
            ? DevSigningKey.loadOrCreate(vertx, dataDir)
            : Future.succeededFuture(
                Objects.requireNonNull(config.secret(), "set unless generatedSecret()"));
    return secret.map(
        current -> {
          String kid = KeyIds.ofSecret(current);
          PubSecKeyOptions key = hs256(kid, current);
          Map<String, PubSecKeyOptions> previous = new LinkedHashMap<>();
          for (String old : config.previousSecrets()) {
            previous.putIfAbsent(KeyIds.ofSecret(old), hs256(KeyIds.ofSecret(old), old));
          }
          // Listing the current key among the previous ones (a half-done rotation) is harmless.
          previous.remove(kid);
          return of(config, kid, key, key, previous.values());
        });
  }

  private static PubSecKeyOptions hs256(String kid, String secret) {
    return new PubSecKeyOptions().setAlgorithm("HS256").setId(kid).setBuffer(secret);
  }

  private static Future<JwtKeys> asymmetric(Vertx vertx, JwtConfig config) {
    Future<String> privateKey =
        readPem(vertx, Objects.requireNonNull(config.privateKeyPath(), "checked by JwtConfig"));
    Future<String> publicKey =
        readPem(vertx, Objects.requireNonNull(config.publicKeyPath(), "checked by JwtConfig"));
    List<Future<String>> previousPems =
        config.previousPublicKeyPaths().stream().map(path -> readPem(vertx, path)).toList();
    return Future.all(privateKey, publicKey)
        .compose(read -> Future.all(previousPems))
        .map(
            read -> {
              String kid = publicKid("JWT_PUBLIC_KEY_PATH", publicKey.result());
              Map<String, PubSecKeyOptions> previous = new LinkedHashMap<>();
              for (Future<String> pem : previousPems) {
                String oldKid = publicKid("JWT_PREVIOUS_PUBLIC_KEY_PATHS", pem.result());
                previous.putIfAbsent(oldKid, asymmetricKey(config, oldKid, pem.result()));
              }
              previous.remove(kid);
              return of(
                  config,
                  kid,
                  asymmetricKey(config, kid, privateKey.result()),
                  asymmetricKey(config, kid, publicKey.result()),
                  previous.values());
            });
  }

  private static String publicKid(String setting, String pem) {
    try {
      return KeyIds.ofPublicKeyPem(pem);
    } catch (IllegalArgumentException notPem) {
      throw new ConfigException(setting, "names a file that " + notPem.getMessage());
    }
  }

  private static PubSecKeyOptions asymmetricKey(JwtConfig config, String kid, String pem) {
    return new PubSecKeyOptions().setAlgorithm(config.algorithm()).setId(kid).setBuffer(pem);
  }

  private static Future<String> readPem(Vertx vertx, Path file) {
    return vertx
        .fileSystem()
        .readFile(file.toString())
        .map(buffer -> buffer.toString(StandardCharsets.US_ASCII));
  }

  private static JwtKeys of(
      JwtConfig config,
      String kid,
      PubSecKeyOptions signingKey,
      PubSecKeyOptions currentVerificationKey,
      Collection<PubSecKeyOptions> previous) {
    JWTAuthOptions signing =
        new JWTAuthOptions().setJWTOptions(verificationOptions(config)).addPubSecKey(signingKey);
    JWTAuthOptions verification =
        new JWTAuthOptions()
            .setJWTOptions(verificationOptions(config))
            .addPubSecKey(currentVerificationKey);
    previous.forEach(verification::addPubSecKey);
    return new JwtKeys(signing, verification, kid, previous.size());
  }

  /** The kid and the count only: the options hold the keys themselves. */
  @Override
  public String toString() {
    return "JwtKeys[kid=" + kid + ", previous keys=" + previousKeys + "]";
  }

  private static JWTOptions verificationOptions(JwtConfig config) {
    return new JWTOptions()
        .setIssuer(config.issuer())
        .setAudience(List.of(config.audience()))
        .setLeeway(5);
  }
}
