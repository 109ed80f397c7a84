package dev.products.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How access tokens are signed and checked.
 *
 * @param secret HS256 secret; null with HS256 means "the dev key kept under DATA_DIR" (dev only)
 */
public record JwtConfig(
    String algorithm,
    @Nullable String secret,
    @Nullable Path privateKeyPath,
    @Nullable Path publicKeyPath,
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
    } else {
      privateKey = readablePem(values, "JWT_PRIVATE_KEY_PATH", algorithm);
      publicKey = readablePem(values, "JWT_PUBLIC_KEY_PATH", algorithm);
    }
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
    Path file = Path.of(path);
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
    return "JwtConfig[" + algorithm + ", issuer=" + issuer + ", audience=" + audience + "]";
  }
}
