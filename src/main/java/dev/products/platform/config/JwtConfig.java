package dev.products.platform.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How access tokens are signed and checked.
 *
 * @param secret HS256 secret; null with HS256 means "the dev key kept under DATA_DIR" (dev only)
 * @param previousSecrets HS256 secrets of earlier keys, accepted for verification only
 * @param previousPublicKeyPaths RS256/ES256 public keys of earlier key pairs, for verification only
 */
public record JwtConfig(
    String algorithm,
    @Nullable String secret,
    @Nullable Path privateKeyPath,
    @Nullable Path publicKeyPath,
    List<String> previousSecrets,
    List<Path> previousPublicKeyPaths,
    String issuer,
    String audience,
    Duration accessTokenTtl,
    Duration refreshTokenTtl) {

  private static final int MIN_SECRET_BYTES = 32;

  static JwtConfig from(ConfigValues values, Profile profile) {
    String algorithm = values.nonBlank("JWT_ALGORITHM").toUpperCase(Locale.ROOT);
    if (!algorithm.equals("HS256") && !algorithm.equals("RS256") && !algorithm.equals("ES256")) {
      throw new ConfigException(
          "JWT_ALGORITHM", "must be one of HS256, RS256, ES256, got \"" + algorithm + "\"");
    }
    String secret = values.optionalString("JWT_SECRET");
    @Nullable Path privateKey = null;
    @Nullable Path publicKey = null;
    List<String> previousSecrets = values.list("JWT_PREVIOUS_SECRETS");
    List<String> previousPublicKeys = values.list("JWT_PREVIOUS_PUBLIC_KEY_PATHS");
    if (algorithm.equals("HS256")) {
      if (secret == null && profile.isProd()) {
        throw new ConfigException(
            "JWT_SECRET",
            "is required in the prod profile (at least 32 bytes), or use RS256/ES256 keys");
      }
      if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
        throw new ConfigException(
            "JWT_SECRET", "must be at least " + MIN_SECRET_BYTES + " bytes long");
      }
      // Anyone who can sign an admin token owns the service: prod takes no secret an attacker
      // could know or guess. Development may use the examples.
      String weakness =
          secret == null || !profile.isProd() ? null : SecretStrength.weakness(secret);
      if (weakness != null) {
        throw new ConfigException("JWT_SECRET", weakness);
      }
      if (!previousPublicKeys.isEmpty()) {
        throw new ConfigException(
            "JWT_PREVIOUS_PUBLIC_KEY_PATHS", "applies to RS256 and ES256 only, not HS256");
      }
      for (int i = 0; i < previousSecrets.size(); i++) {
        if (previousSecrets.get(i).getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
          // The position, never the value: this line ends up in logs.
          throw new ConfigException(
              "JWT_PREVIOUS_SECRETS",
              "secret number " + (i + 1) + " must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        String previousWeakness =
            profile.isProd() ? SecretStrength.weakness(previousSecrets.get(i)) : null;
        if (previousWeakness != null) {
          throw new ConfigException(
              "JWT_PREVIOUS_SECRETS", "secret number " + (i + 1) + " " + previousWeakness);
        }
      }
    } else {
      privateKey = readablePem(values, "JWT_PRIVATE_KEY_PATH", algorithm);
      publicKey = readablePem(values, "JWT_PUBLIC_KEY_PATH", algorithm);
      if (!previousSecrets.isEmpty()) {
        throw new ConfigException(
            "JWT_PREVIOUS_SECRETS", "applies to HS256 only, not " + algorithm);
      }
    }
    List<Path> previousPublicKeyPaths =
        previousPublicKeys.stream()
            .map(path -> readable("JWT_PREVIOUS_PUBLIC_KEY_PATHS", Path.of(path)))
            .toList();
    Duration accessTtl = values.positiveDuration("ACCESS_TOKEN_TTL");
    Duration refreshTtl = values.duration("REFRESH_TOKEN_TTL");
    if (refreshTtl.compareTo(accessTtl) <= 0) {
      throw new ConfigException("REFRESH_TOKEN_TTL", "must be longer than ACCESS_TOKEN_TTL");
    }
    return new JwtConfig(
        algorithm,
        secret,
        privateKey,
        publicKey,
        previousSecrets,
        previousPublicKeyPaths,
        values.nonBlank("JWT_ISSUER"),
        values.nonBlank("JWT_AUDIENCE"),
        accessTtl,
        refreshTtl);
  }

  private static Path readablePem(ConfigValues values, String key, String algorithm) {
    String path = values.optionalString(key);
    if (path == null) {
      throw new ConfigException(key, "is required with JWT_ALGORITHM " + algorithm);
    }
    return readable(key, Path.of(path));
  }

  private static Path readable(String key, Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException(key, "cannot read " + file.toAbsolutePath());
    }
    return file;
  }

  /** No secret configured: a dev instance signs with the key it keeps under DATA_DIR. */
  public boolean generatedSecret() {
    return algorithm.equals("HS256") && secret == null;
  }

  @Override
  public String toString() {
    // Never the secrets, previous ones included: this string is logged.
    return "JwtConfig["
        + algorithm
        + ", issuer="
        + issuer
        + ", audience="
        + audience
        + ", previous keys="
        + (previousSecrets.size() + previousPublicKeyPaths.size())
        + "]";
  }
}
