package dev.products.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kid} of a signing key, derived from the key itself so that every instance holding the
 * same key names it the same way without a setting of its own: the first 16 hex digits of SHA-256
 * over the HS256 secret's UTF-8 bytes, or over the DER inside a public key's PEM. Operators can
 * compute it with {@code sha256sum} (see docs/operations.md). 64 bits of a hash tell an attacker
 * nothing a signed token does not already: either allows testing guesses of a weak secret offline.
 */
public final class KeyIds {

  private static final int HEX_DIGITS = 16;
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private KeyIds() {}

  public static String ofSecret(String secret) {
    return of(secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The id of the key in the first PEM block of {@code pem}.
   *
   * @throws IllegalArgumentException when {@code pem} holds no PEM block
   */
  public static String ofPublicKeyPem(String pem) {
    Matcher block = PEM_BLOCK.matcher(pem);
    if (!block.find()) {
      throw new IllegalArgumentException("holds no PEM block");
    }
    return of(Base64.getMimeDecoder().decode(block.group(2)));
  }

  private static String of(byte[] keyMaterial) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyMaterial);
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java runtime has SHA-256", impossible);
    }
  }
}
