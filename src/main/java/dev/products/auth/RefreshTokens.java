package dev.products.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Opaque refresh tokens: 256 random bits for the client, only their SHA-256 for the database. */
public final class RefreshTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  /** A new token and the hash under which it is stored. */
  public record Minted(String token, String hash) {}

  private RefreshTokens() {}

  public static Minted mint() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = ENCODER.encodeToString(bytes);
    return new Minted(token, hash(token));
  }

  public static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return ENCODER.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
