package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.LiveClient;
import dev.products.support.LogCapture;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HS256 rotation over real HTTP: an instance that took over key B with key A among its previous
 * secrets accepts what an instance with key A signed, and signs only with B.
 */
@ExtendWith(VertxExtension.class)
class KeyRotationTest {

  private static final String SECRET_A = "rotation-secret-A-0123456789-abcdefghijklmnop";
  private static final String SECRET_B = "rotation-secret-B-0123456789-abcdefghijklmnop";
  private static final String SECRET_C = "rotation-secret-C-0123456789-abcdefghijklmnop";

  /** Signs with A, as every instance did before the rotation. */
  private static TestApp before;

  /** Signs with B, still accepts C and A. */
  private static TestApp rotated;

  /** Signs with B, accepts nothing else: a rotation finished, or done without previous keys. */
  private static TestApp withoutPrevious;

  private static List<String> startLogs;

  @BeforeAll
  static void start(Vertx vertx) {
    before = TestApp.start(vertx, new JsonObject().put("JWT_SECRET", SECRET_A));
    try (LogCapture logs = new LogCapture()) {
      rotated =
          TestApp.start(
              vertx,
              new JsonObject()
                  .put("JWT_SECRET", SECRET_B)
                  .put("JWT_PREVIOUS_SECRETS", SECRET_C + ", " + SECRET_A));
      startLogs = logs.lines();
    }
    withoutPrevious = TestApp.start(vertx, new JsonObject().put("JWT_SECRET", SECRET_B));
  }

  @AfterAll
  static void stop() {
    for (TestApp app : new TestApp[] {before, rotated, withoutPrevious}) {
      if (app != null) {
        app.close();
      }
    }
  }

  /** Computed here, not with KeyIds, so a change of the derivation fails this test. */
  private static String kidOf(String secret) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 16);
  }

  private static JsonObject header(String token) {
    return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(token.split("\\.")[0])));
  }

  private static String tokenOfANewUser(TestApp app) {
    return Accounts.newUser(app.http()).bearer();
  }

  /** A token as this service signed them before tokens had a kid. */
  private static String withoutKid(Vertx vertx, String secret) {
    String email = Accounts.uniqueEmail();
    long id = Accounts.register(before.http(), email).getLong("id");
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    String token =
        signer.generateToken(
            new JsonObject()
                .put("sub", String.valueOf(id))
                .put("role", "user")
                .put("jti", UUID.randomUUID().toString())
                .put("sid", UUID.randomUUID().toString()),
            new JWTOptions()
                .setIssuer("products-api")
                .setAudience(List.of("products-api"))
                .setExpiresInSeconds(600));
    assertThat(header(token).containsKey("kid")).isFalse();
    return token;
  }

  @Test
  void aTokenSignedWithAPreviousKeyIsAccepted() {
    String token = tokenOfANewUser(before);

    assertThat(rotated.http().as(token).get("/users/me").status()).isEqualTo(200);
  }

  @Test
  void aTokenSignedWithAKeyNoLongerListedIsRefused() {
    String token = tokenOfANewUser(before);

    assertThat(withoutPrevious.http().as(token).get("/users/me").status()).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAPreviousKeyOpensALiveConnection(Vertx vertx) {
    String token = tokenOfANewUser(before);

    try (LiveClient live = LiveClient.connect(vertx, rotated.port(), token)) {
      assertThat(live.nextOfType("ready", Duration.ofSeconds(10)).getString("type"))
          .isEqualTo("ready");
    }
  }

  @Test
  void issuedTokensCarryTheKidDerivedFromTheCurrentSecret() throws Exception {
    String token = tokenOfANewUser(rotated);

    assertThat(header(token).getString("kid")).isEqualTo(kidOf(SECRET_B));
    assertThat(header(token).getString("alg")).isEqualTo("HS256");
  }

  @Test
  void issuedTokensAreAlwaysSignedWithTheCurrentKeyNeverAPreviousOne() throws Exception {
    String email = Accounts.uniqueEmail();
    Accounts.register(rotated.http(), email);

    for (int i = 0; i < 20; i++) {
      String token =
          Accounts.login(rotated.http(), email, Accounts.PASSWORD).getString("access_token");
      assertThat(header(token).getString("kid")).as("token %d", i).isEqualTo(kidOf(SECRET_B));
      // The header could lie; an instance that knows only B proves the signature is B's.
      assertThat(withoutPrevious.http().as(token).get("/users/me").status())
          .as("token %d", i)
          .isEqualTo(200);
    }
  }

  @Test
  void aTokenWithoutKidSignedWithTheCurrentKeyIsAccepted(Vertx vertx) {
    String token = withoutKid(vertx, SECRET_B);

    assertThat(rotated.http().as(token).get("/users/me").status()).isEqualTo(200);
  }

  @Test
  void aTokenWithoutKidSignedWithAPreviousKeyIsAccepted(Vertx vertx) {
    String token = withoutKid(vertx, SECRET_A);

    assertThat(rotated.http().as(token).get("/users/me").status()).isEqualTo(200);
  }

  @Test
  void theStartLogNamesTheKidAndHowManyPreviousKeysButNoSecret() throws Exception {
    assertThat(startLogs)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "JWT HS256: signing with kid "
                            + kidOf(SECRET_B)
                            + ", 2 previous key(s) accepted for verification"));
    assertThat(startLogs)
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain(SECRET_A)
                    .doesNotContain(SECRET_B)
                    .doesNotContain(SECRET_C));
  }
}
