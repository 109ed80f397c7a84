package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad bearer token gets 401 with WWW-Authenticate, and nothing is written. */
class TokenRejectionTest extends ApiTestBase {

  private static String sign(String secret, JsonObject claims, JWTOptions options) {
    JWTAuth auth =
        JWTAuth.create(
            Vertx.vertx(),
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return auth.generateToken(claims, options);
  }

  private static JsonObject claimsOfAdmin() {
    return new JsonObject()
        .put("sub", "1")
        .put("role", "admin")
        .put("jti", UUID.randomUUID().toString())
        .put("sid", UUID.randomUUID().toString());
  }

  private static JWTOptions validOptions() {
    return new JWTOptions()
        .setIssuer("products-api")
        .setAudience(List.of("products-api"))
        .setExpiresInSeconds(600);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(String token) {
    Reply reply = http.as(token).postJson("/products", Products.valid("Should not exist"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=\"products-api\"");
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/unauthorized");
    assertThat(reply.text()).doesNotContain(token);
  }

  @Test
  void missingTokenIs401WithAChallenge() {
    Reply reply = http.postJson("/products", Products.valid("Anonymous"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void tokenSignedWithAnotherKeyIsRefused() {
    assertRefused(
        sign(
            "another-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
            claimsOfAdmin(),
            validOptions()));
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() {
    String token =
        b64("{\"alg\":\"none\",\"typ\":\"JWT\"}")
            + "."
            + b64(
                claimsOfAdmin()
                    .put("iss", "products-api")
                    .put("aud", "products-api")
                    .put("exp", System.currentTimeMillis() / 1000 + 600)
                    .encode())
            + ".";
    assertRefused(token);
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    assertRefused(
        sign(
            TestApp.JWT_SECRET,
            claimsOfAdmin(),
            new JWTOptions()
                .setIssuer("products-api")
                .setAudience(List.of("another-api"))
                .setExpiresInSeconds(600)));
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    assertRefused(
        sign(
            TestApp.JWT_SECRET,
            claimsOfAdmin(),
            new JWTOptions()
                .setIssuer("evil-issuer")
                .setAudience(List.of("products-api"))
                .setExpiresInSeconds(600)));
  }

  @Test
  void expiredTokenIsRefused() {
    long now = System.currentTimeMillis() / 1000;
    assertRefused(
        sign(
            TestApp.JWT_SECRET,
            claimsOfAdmin().put("iat", now - 3600).put("exp", now - 1800),
            new JWTOptions()
                .setIssuer("products-api")
                .setAudience(List.of("products-api"))
                .setNoTimestamp(true)));
  }

  @Test
  void aTokenWithoutAnExpiryIsRefused() {
    assertRefused(
        sign(
            TestApp.JWT_SECRET,
            claimsOfAdmin(),
            new JWTOptions().setIssuer("products-api").setAudience(List.of("products-api"))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"iat\":\"yesterday\"",
        "\"nbf\":{}",
        "\"sub\":1",
        "\"jti\":5",
        "\"sid\":7",
        "\"iss\":[1]"
      })
  void aTokenSignedWithOurKeyWithARegisteredClaimOfTheWrongTypeIsRefused(String claim) {
    long exp = System.currentTimeMillis() / 1000 + 600;
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    JsonObject payload =
        new JsonObject(
                "{\"sub\":\"1\",\"role\":\"admin\",\"jti\":\""
                    + UUID.randomUUID()
                    + "\",\"sid\":\""
                    + UUID.randomUUID()
                    + "\",\"iss\":\"products-api\",\"aud\":\"products-api\",\"exp\":"
                    + exp
                    + "}")
            .mergeIn(new JsonObject("{" + claim + "}"));
    String body = b64(payload.encode());
    assertRefused(header + "." + body + "." + hs256(header + "." + body));
  }

  @Test
  void aTokenSignedWithOurKeyWithEveryClaimForARealUserIsAccepted() {
    String id = String.valueOf(user.get("/users/me").json().getLong("id"));
    String token =
        sign(
            TestApp.JWT_SECRET, claimsOfAdmin().put("sub", id).put("role", "user"), validOptions());

    assertThat(http.as(token).get("/users/me").status()).isEqualTo(200);
  }

  @Test
  void aTokenSignedWithOurKeyThatNamesNoSessionIsRefused() {
    JsonObject claims = claimsOfAdmin();
    claims.remove("sid");
    assertRefused(sign(TestApp.JWT_SECRET, claims, validOptions()));
  }

  @Test
  void payloadEditedAfterSigningIsRefused() {
    String real = sign(TestApp.JWT_SECRET, claimsOfAdmin().put("role", "user"), validOptions());
    String[] parts = real.split("\\.");
    String forged =
        parts[0]
            + "."
            + b64(
                claimsOfAdmin()
                    .put("iss", "products-api")
                    .put("aud", "products-api")
                    .put("exp", System.currentTimeMillis() / 1000 + 600)
                    .encode())
            + "."
            + parts[2];
    assertRefused(forged);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "a.b.c.d", "not$a*token", "eyJhbGciOiJIUzI1NiJ9.e30"})
  void malformedTokenIsRefused(String token) {
    assertRefused(token);
  }

  @Test
  void validSignatureForAUserThatDoesNotExistIsRefused() {
    assertRefused(
        sign(TestApp.JWT_SECRET, claimsOfAdmin().put("sub", "987654321"), validOptions()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"soon\"", "{}", "[1]", "true"})
  void tokenSignedWithOurKeyButAnUnreadableExpiryIsRefused(String exp) {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload =
        b64(
            "{\"sub\":\"1\",\"role\":\"admin\",\"jti\":\""
                + UUID.randomUUID()
                + "\",\"iss\":\"products-api\",\"aud\":\"products-api\",\"exp\":"
                + exp
                + "}");
    assertRefused(header + "." + payload + "." + hs256(header + "." + payload));
  }

  private static String hs256(String signingInput) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply withAuthorization(String value) {
    return http.send(
        io.vertx.core.http.HttpMethod.GET,
        "/users/me",
        null,
        null,
        io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Authorization", value));
  }

  @Test
  void aTokenWithoutTheBearerSchemeIs401WithAPlainChallenge() {
    Reply reply = withAuthorization(user.bearer());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"products-api\"");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/unauthorized");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "Bearer ", "bearer    "})
  void anEmptyBearerCredentialIs401WithAChallenge(String value) {
    Reply reply = withAuthorization(value);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"products-api\"");
  }

  @Test
  void anotherSchemeIs401WithTheBearerChallenge() {
    Reply reply = withAuthorization("Basic YWRtaW46YWRtaW4=");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"products-api\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer a b", "Bearer not$a*token", "Bearer a.b"})
  void aMalformedBearerTokenIs401InvalidToken(String value) {
    Reply reply = withAuthorization(value);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate"))
        .isEqualTo("Bearer realm=\"products-api\", error=\"invalid_token\"");
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    assertThat(withAuthorization("bEaReR " + user.bearer()).status()).isEqualTo(200);
  }
}
