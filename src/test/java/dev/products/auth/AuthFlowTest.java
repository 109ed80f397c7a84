package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Register, log in, refresh, log out: the flow a client author follows in docs/auth.md. */
class AuthFlowTest extends ApiTestBase {

  private static JsonObject claims(String jwt) {
    return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])));
  }

  @Test
  void registerAnswers201WithTheUserAndNeverThePassword() {
    String email = Accounts.uniqueEmail();

    Reply reply =
        http.postJson(
            "/auth/register",
            new JsonObject().put("email", email).put("password", "long-enough-1"));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().getString("email")).isEqualTo(email);
    assertThat(reply.json().getString("role")).isEqualTo("user");
    assertThat(reply.json().getBoolean("disabled")).isFalse();
    assertThat(reply.text())
        .doesNotContain("long-enough-1")
        .doesNotContain("password")
        .doesNotContain("argon");
  }

  @Test
  void anEasyPasswordIsRefusedNamingTheFieldAndNoAccountIsMade() {
    String email = Accounts.uniqueEmail();

    Reply reply =
        http.postJson(
            "/auth/register", new JsonObject().put("email", email).put("password", "Password123"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/validation");
    JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("password");
    assertThat(error.getString("detail")).startsWith("is too easy to guess");
    assertThat(reply.text()).doesNotContain("Password123");
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM users WHERE email = '" + email.replace("'", "''") + "'"))
        .isZero();
  }

  @Test
  void registeringATakenEmailInAnyCaseIs409() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);

    Reply reply =
        http.postJson(
            "/auth/register",
            new JsonObject()
                .put("email", email.toUpperCase(Locale.ROOT))
                .put("password", "another-password"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().getString("type")).isEqualTo("/problems/conflict");
  }

  @Test
  void malformedEmailIs400() {
    Reply reply =
        http.postJson(
            "/auth/register",
            new JsonObject().put("email", "not-an-email").put("password", "long-enough-1"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("email");
  }

  @Test
  void passwordUnderEightCharactersIs400() {
    Reply reply =
        http.postJson(
            "/auth/register",
            new JsonObject().put("email", Accounts.uniqueEmail()).put("password", "short"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("password");
  }

  @Test
  void loginAnswersBearerTokensWithTheStandardClaimsAndNoStore() {
    String email = Accounts.uniqueEmail();
    long id = Accounts.register(http, email).getLong("id");

    Reply reply =
        http.postForm(
            "/auth/token",
            MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "password")
                .add("username", email)
                .add("password", Accounts.PASSWORD));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    JsonObject tokens = reply.json();
    assertThat(tokens.getString("token_type")).isEqualTo("bearer");
    assertThat(tokens.getInteger("expires_in")).isEqualTo(900);
    assertThat(tokens.getString("refresh_token")).hasSizeGreaterThan(40);
    JsonObject claims = claims(tokens.getString("access_token"));
    assertThat(claims.getString("sub")).isEqualTo(String.valueOf(id));
    assertThat(claims.getString("role")).isEqualTo("user");
    assertThat(claims.getString("iss")).isEqualTo("products-api");
    assertThat(claims.getValue("aud").toString()).contains("products-api");
    assertThat(claims.getString("jti")).isNotBlank();
    assertThat(UUID.fromString(claims.getString("sid")))
        .as("the session the token belongs to")
        .isNotNull();
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
  }

  @Test
  void refreshedAccessTokensBelongToTheSameSessionAndANewLoginStartsAnother() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject first = Accounts.login(http, email, Accounts.PASSWORD);
    JsonObject refreshed =
        http.postJson(
                "/auth/refresh",
                new JsonObject().put("refresh_token", first.getString("refresh_token")))
            .json();
    JsonObject other = Accounts.login(http, email, Accounts.PASSWORD);

    String session = claims(first.getString("access_token")).getString("sid");
    assertThat(claims(refreshed.getString("access_token")).getString("sid")).isEqualTo(session);
    assertThat(claims(other.getString("access_token")).getString("sid")).isNotEqualTo(session);
  }

  @Test
  void anAccessTokenNeverOutlivesItsLogin() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject first = Accounts.login(http, email, Accounts.PASSWORD);
    long userId = http.as(first.getString("access_token")).get("/users/me").json().getLong("id");
    // Two minutes are left of this login's REFRESH_TOKEN_TTL, less than an access token's 15.
    TestDatabase.execute(
        "UPDATE refresh_tokens SET expires_at = now() + interval '2 minutes' WHERE user_id = "
            + userId);

    JsonObject refreshed =
        http.postJson(
                "/auth/refresh",
                new JsonObject().put("refresh_token", first.getString("refresh_token")))
            .json();

    assertThat(refreshed.getLong("expires_in")).isBetween(1L, 120L);
    JsonObject claims = claims(refreshed.getString("access_token"));
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isBetween(1L, 120L);
  }

  @Test
  void loginEmailIsCaseInsensitive() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);

    assertThat(
            Accounts.login(http, email.toUpperCase(Locale.ROOT), Accounts.PASSWORD)
                .getString("access_token"))
        .isNotBlank();
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSame401() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);

    Reply wrongPassword =
        http.postForm(
            "/auth/token",
            MultiMap.caseInsensitiveMultiMap()
                .add("username", email)
                .add("password", "not-the-password"));
    Reply unknownEmail =
        http.postForm(
            "/auth/token",
            MultiMap.caseInsensitiveMultiMap()
                .add("username", Accounts.uniqueEmail())
                .add("password", "not-the-password"));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.json().getString("detail"))
        .isEqualTo(unknownEmail.json().getString("detail"));
    assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void tokenRequestAsJsonIs415() {
    Reply reply =
        http.postJson(
            "/auth/token", new JsonObject().put("username", "a@b.c").put("password", "x"));

    assertThat(reply.status()).isEqualTo(415);
  }

  @Test
  void tokenRequestWithoutUsernameIs400() {
    Reply reply =
        http.postForm("/auth/token", MultiMap.caseInsensitiveMultiMap().add("password", "x"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("username");
  }

  @Test
  void currentUserAnswersTheSignedInUser() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    HttpClientSupport me =
        http.as(Accounts.login(http, email, Accounts.PASSWORD).getString("access_token"));

    Reply reply = me.get("/users/me");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("email")).isEqualTo(email);
  }

  @Test
  void refreshRotatesAndTheNewTokensWork() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject first = Accounts.login(http, email, Accounts.PASSWORD);

    Reply reply =
        http.postJson(
            "/auth/refresh",
            new JsonObject().put("refresh_token", first.getString("refresh_token")));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    JsonObject second = reply.json();
    assertThat(second.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));
    assertThat(http.as(second.getString("access_token")).get("/users/me").status()).isEqualTo(200);
  }

  @Test
  void rotationNeverExtendsTheLifetimeOfTheLogin() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject first = Accounts.login(http, email, Accounts.PASSWORD);
    long userId = http.as(first.getString("access_token")).get("/users/me").json().getLong("id");
    // The login is about to end: one hour left of its REFRESH_TOKEN_TTL.
    TestDatabase.execute(
        "UPDATE refresh_tokens SET expires_at = now() + interval '1 hour' WHERE user_id = "
            + userId);

    Reply reply =
        http.postJson(
            "/auth/refresh",
            new JsonObject().put("refresh_token", first.getString("refresh_token")));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(TestDatabase.count("SELECT count(*) FROM refresh_tokens WHERE user_id = " + userId))
        .isEqualTo(2);
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM refresh_tokens WHERE user_id = "
                    + userId
                    + " AND expires_at > now() + interval '61 minutes'"))
        .as("the successor ends when its login does, not 30 days from the rotation")
        .isZero();
  }

  @Test
  void refreshThroughTheTokenEndpointAsOAuth2ClientsDo() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject first = Accounts.login(http, email, Accounts.PASSWORD);

    Reply reply =
        http.postForm(
            "/auth/token",
            MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "refresh_token")
                .add("refresh_token", first.getString("refresh_token")));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("access_token")).isNotBlank();
  }

  @Test
  void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    String original = Accounts.login(http, email, Accounts.PASSWORD).getString("refresh_token");
    String rotated =
        http.postJson("/auth/refresh", new JsonObject().put("refresh_token", original))
            .json()
            .getString("refresh_token");

    Reply reuse = http.postJson("/auth/refresh", new JsonObject().put("refresh_token", original));

    assertThat(reuse.status()).isEqualTo(401);
    assertThat(
            http.postJson("/auth/refresh", new JsonObject().put("refresh_token", rotated)).status())
        .as("the thief's successor token dies with the family")
        .isEqualTo(401);
  }

  @Test
  void reusingARotatedRefreshTokenEndsTheSessionsAccessTokensAtOnce() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject login = Accounts.login(http, email, Accounts.PASSWORD);
    JsonObject rotated =
        http.postJson(
                "/auth/refresh",
                new JsonObject().put("refresh_token", login.getString("refresh_token")))
            .json();
    JsonObject otherLogin = Accounts.login(http, email, Accounts.PASSWORD);

    http.postJson(
        "/auth/refresh", new JsonObject().put("refresh_token", login.getString("refresh_token")));

    Reply original = http.as(login.getString("access_token")).get("/users/me");
    assertThat(original.status()).isEqualTo(401);
    assertThat(original.json().getString("detail")).isEqualTo("the session has been revoked");
    assertThat(http.as(rotated.getString("access_token")).get("/users/me").status())
        .as("the access token the thief got by rotating")
        .isEqualTo(401);
    assertThat(http.as(otherLogin.getString("access_token")).get("/users/me").status())
        .as("another login of the same user is another session")
        .isEqualTo(200);
  }

  @Test
  void unknownRefreshTokenIs401() {
    Reply reply =
        http.postJson("/auth/refresh", new JsonObject().put("refresh_token", "made-up-token"));

    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void logoutRevokesTheAccessTokenAtOnceAndTheRefreshFamily() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject tokens = Accounts.login(http, email, Accounts.PASSWORD);
    HttpClientSupport me = http.as(tokens.getString("access_token"));

    Reply logout =
        me.postJson(
            "/auth/logout",
            new JsonObject().put("refresh_token", tokens.getString("refresh_token")));

    assertThat(logout.status()).isEqualTo(204);
    Reply after = me.get("/users/me");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(
            http.postJson(
                    "/auth/refresh",
                    new JsonObject().put("refresh_token", tokens.getString("refresh_token")))
                .status())
        .isEqualTo(401);
  }

  @Test
  void logoutWithoutABodyRevokesTheAccessToken() {
    HttpClientSupport me = Accounts.newUser(http);

    Reply logout =
        me.send(HttpMethod.POST, "/auth/logout", null, null, MultiMap.caseInsensitiveMultiMap());

    assertThat(logout.status()).isEqualTo(204);
    assertThat(me.get("/users/me").status()).isEqualTo(401);
  }

  @Test
  void logoutEndsTheWholeSessionEvenWithoutItsRefreshToken() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    JsonObject login = Accounts.login(http, email, Accounts.PASSWORD);
    JsonObject refreshed =
        http.postJson(
                "/auth/refresh",
                new JsonObject().put("refresh_token", login.getString("refresh_token")))
            .json();

    Reply logout =
        http.as(login.getString("access_token"))
            .send(HttpMethod.POST, "/auth/logout", null, null, MultiMap.caseInsensitiveMultiMap());

    assertThat(logout.status()).isEqualTo(204);
    assertThat(http.as(refreshed.getString("access_token")).get("/users/me").status())
        .as("the session's newer access token")
        .isEqualTo(401);
    assertThat(
            http.postJson(
                    "/auth/refresh",
                    new JsonObject().put("refresh_token", refreshed.getString("refresh_token")))
                .status())
        .as("the session's current refresh token")
        .isEqualTo(401);
  }
}
