package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.platform.config.ConfigException;
import dev.products.support.Accounts;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RS256 and ES256 rotation with JWT_PREVIOUS_PUBLIC_KEY_PATHS, over real HTTP. */
@ExtendWith(VertxExtension.class)
class AsymmetricKeyRotationTest {

  @TempDir Path dir;

  /** A key pair written as the PEM files the settings name. */
  private record PemKeys(Path privateKey, Path publicKey, String kid) {}

  private PemKeys generate(String algorithm, String name) throws Exception {
    KeyPairGenerator generator;
    if (algorithm.equals("RS256")) {
      generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
    } else {
      generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    }
    KeyPair pair = generator.generateKeyPair();
    Path privateKey = write(name + "-private.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());
    Path publicKey = write(name + "-public.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
    // Computed here, not with KeyIds, so a change of the derivation fails these tests.
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
    return new PemKeys(privateKey, publicKey, HexFormat.of().formatHex(digest).substring(0, 16));
  }

  private Path write(String file, String type, byte[] der) throws Exception {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Path path = dir.resolve(file);
    Files.writeString(
        path,
        "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n",
        StandardCharsets.US_ASCII);
    return path;
  }

  private static JsonObject signingWith(String algorithm, PemKeys keys) {
    return new JsonObject()
        .put("JWT_ALGORITHM", algorithm)
        .put("JWT_SECRET", "")
        .put("JWT_PRIVATE_KEY_PATH", keys.privateKey().toString())
        .put("JWT_PUBLIC_KEY_PATH", keys.publicKey().toString());
  }

  private static String tokenFrom(Vertx vertx, JsonObject settings) {
    try (TestApp app = TestApp.start(vertx, settings)) {
      return Accounts.newUser(app.http()).bearer();
    }
  }

  private static int statusOfMe(Vertx vertx, JsonObject settings, String token) {
    try (TestApp app = TestApp.start(vertx, settings)) {
      return app.http().as(token).get("/users/me").status();
    }
  }

  private static JsonObject header(String token) {
    return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(token.split("\\.")[0])));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256"})
  void aTokenOfAPreviousKeyPairIsAcceptedWhereItsPublicKeyIsListed(String algorithm, Vertx vertx)
      throws Exception {
    PemKeys old = generate(algorithm, "old");
    PemKeys current = generate(algorithm, "current");
    PemKeys older = generate(algorithm, "older");
    String token = tokenFrom(vertx, signingWith(algorithm, old));

    JsonObject rotated =
        signingWith(algorithm, current)
            .put("JWT_PREVIOUS_PUBLIC_KEY_PATHS", older.publicKey() + "," + old.publicKey());
    assertThat(statusOfMe(vertx, rotated, token)).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256"})
  void aTokenOfAKeyPairNotListedIsRefused(String algorithm, Vertx vertx) throws Exception {
    PemKeys old = generate(algorithm, "old");
    PemKeys current = generate(algorithm, "current");
    String token = tokenFrom(vertx, signingWith(algorithm, old));

    assertThat(statusOfMe(vertx, signingWith(algorithm, current), token)).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256"})
  void issuedTokensCarryTheKidOfTheCurrentPublicKey(String algorithm, Vertx vertx)
      throws Exception {
    PemKeys old = generate(algorithm, "old");
    PemKeys current = generate(algorithm, "current");
    JsonObject rotated =
        signingWith(algorithm, current)
            .put("JWT_PREVIOUS_PUBLIC_KEY_PATHS", old.publicKey().toString());

    String token = tokenFrom(vertx, rotated);

    assertThat(header(token).getString("kid")).isEqualTo(current.kid());
    assertThat(header(token).getString("alg")).isEqualTo(algorithm);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256"})
  void aPreviousPublicKeyFileThatHoldsNoPemStopsTheStart(String algorithm, Vertx vertx)
      throws Exception {
    PemKeys current = generate(algorithm, "current");
    Path notPem = dir.resolve("not.pem");
    Files.writeString(notPem, "this is not a key\n", StandardCharsets.US_ASCII);

    assertThatThrownBy(
            () ->
                TestApp.start(
                        vertx,
                        signingWith(algorithm, current)
                            .put("JWT_PREVIOUS_PUBLIC_KEY_PATHS", notPem.toString()))
                    .close())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JWT_PREVIOUS_PUBLIC_KEY_PATHS: names a file that holds no PEM");
  }
}
