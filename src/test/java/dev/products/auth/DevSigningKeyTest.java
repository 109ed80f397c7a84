package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev instance without JWT_SECRET signs with a key it keeps under DATA_DIR, so restarts and
 * instances sharing the directory agree on tokens.
 */
@ExtendWith(VertxExtension.class)
class DevSigningKeyTest {

  @TempDir Path dataDir;

  private JsonObject withoutSecret() {
    return new JsonObject()
        .put("JWT_SECRET", "")
        .put("DATA_DIR", dataDir.toString())
        .put("HTTP_PORT", TestApp.freePort());
  }

  private static String tokenFrom(TestApp app) {
    return Accounts.newUser(app.http()).bearer();
  }

  @Test
  void twoStartsOnOneDataDirAcceptEachOthersTokens(Vertx vertx) {
    try (TestApp first = TestApp.start(vertx, withoutSecret());
        TestApp second = TestApp.start(vertx, withoutSecret())) {
      HttpClientSupport tokenOfFirstAtSecond = second.http().as(tokenFrom(first));
      HttpClientSupport tokenOfSecondAtFirst = first.http().as(tokenFrom(second));

      assertThat(tokenOfFirstAtSecond.get("/users/me").status()).isEqualTo(200);
      assertThat(tokenOfSecondAtFirst.get("/users/me").status()).isEqualTo(200);
    }
  }

  @Test
  void theKeyIsKeptAcrossARestart(Vertx vertx) throws Exception {
    String token;
    try (TestApp first = TestApp.start(vertx, withoutSecret())) {
      token = tokenFrom(first);
    }
    String keyBefore = Files.readString(dataDir.resolve(DevSigningKey.FILE_NAME));

    try (TestApp restarted = TestApp.start(vertx, withoutSecret())) {
      assertThat(restarted.http().as(token).get("/users/me").status()).isEqualTo(200);
    }
    assertThat(Files.readString(dataDir.resolve(DevSigningKey.FILE_NAME))).isEqualTo(keyBefore);
  }

  @Test
  void theKeyFileIsReadableAndWritableByItsOwnerOnly(Vertx vertx) throws Exception {
    try (TestApp app = TestApp.start(vertx, withoutSecret())) {
      assertThat(Files.getPosixFilePermissions(dataDir.resolve(DevSigningKey.FILE_NAME)))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
  }

  @Test
  void withJwtSecretSetNoKeyFileIsWritten(Vertx vertx) {
    try (TestApp app =
        TestApp.start(vertx, withoutSecret().put("JWT_SECRET", TestApp.JWT_SECRET))) {
      assertThat(app.http().get("/").status()).isEqualTo(200);
    }
    assertThat(dataDir.resolve(DevSigningKey.FILE_NAME)).doesNotExist();
  }
}
