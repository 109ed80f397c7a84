package dev.products.auth;

import dev.products.platform.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 secret of a dev instance started without JWT_SECRET: made once and kept in {@code
 * DATA_DIR/jwt-dev.key}, so a restart does not sign everyone out and local instances sharing a
 * DATA_DIR accept each other's tokens. The prod profile never gets here: it requires real keys.
 */
public final class DevSigningKey {

  public static final String FILE_NAME = "jwt-dev.key";

  private static final Logger LOG = LoggerFactory.getLogger(DevSigningKey.class);
  private static final int MIN_BYTES = 32;

  private DevSigningKey() {}

  /** Reads the key under {@code dataDir}, making it first if there is none (on a worker thread). */
  public static Future<String> loadOrCreate(Vertx vertx, Path dataDir) {
    Path directory = dataDir.toAbsolutePath().normalize();
    return vertx.executeBlocking(() -> loadOrCreate(directory));
  }

  private static String loadOrCreate(Path directory) throws IOException {
    Path file = directory.resolve(FILE_NAME);
    boolean created = !Files.exists(file) && create(directory, file);
    String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (secret.getBytes(StandardCharsets.US_ASCII).length < MIN_BYTES) {
      throw new ConfigException(
          "JWT_SECRET",
          "is not set, and the dev key "
              + file
              + " holds fewer than "
              + MIN_BYTES
              + " characters; delete it to have a new one made");
    }
    LOG.warn(
        "JWT_SECRET is not set: signing tokens with the dev key in {}{} (dev only; set JWT_SECRET"
            + " or RS256/ES256 keys for anything else)",
        file,
        created ? ", made now" : "");
    return secret;
  }

  /**
   * Writes the key to a temporary file (owner-only: {@code createTempFile} makes it rw------- on
   * POSIX file systems), then links it into place. A link, unlike a rename, fails when the name
   * exists, so of two instances starting at once on one DATA_DIR exactly one key wins and both read
   * it.
   *
   * @return whether this call made the key
   */
  private static boolean create(Path directory, Path file) throws IOException {
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
    try {
      Files.writeString(temporary, randomSecret() + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, temporary);
      } catch (UnsupportedOperationException noHardLinks) {
        Files.move(temporary, file);
      }
      return true;
    } catch (FileAlreadyExistsException another) {
      return false;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
