package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport;
import dev.products.support.LogCapture;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole auth flow, failures included, with every log line captured: no secret appears. */
class SecretsNeverLoggedTest extends ApiTestBase {

  @Test
  void noPasswordTokenOrHashAppearsInAnyLogLine() {
    String password = "very-secret-password-" + System.nanoTime();
    String email = Accounts.uniqueEmail();
    JsonObject tokens;
    String rotated;
    try (LogCapture logs = new LogCapture()) {
      http.postJson(
          "/auth/register", new JsonObject().put("email", email).put("password", password));
      http.postForm(
          "/auth/token",
          MultiMap.caseInsensitiveMultiMap()
              .add("username", email)
              .add("password", "wrong-" + password));
      tokens = Accounts.login(http, email, password);
      HttpClientSupport me = http.as(tokens.getString("access_token"));
      me.get("/users/me");
      rotated =
          http.postJson(
                  "/auth/refresh",
                  new JsonObject().put("refresh_token", tokens.getString("refresh_token")))
              .json()
              .getString("refresh_token");
      http.postJson(
          "/auth/refresh",
          new JsonObject().put("refresh_token", tokens.getString("refresh_token")));
      me.postJson("/auth/logout", new JsonObject().put("refresh_token", rotated));
      me.get("/users/me");
      http.as(tokens.getString("access_token") + "x").get("/users/me");

      assertThat(logs.lines()).isNotEmpty();
      List<String> everyLine = new ArrayList<>(logs.lines());
      logs.jsonLines().forEach(json -> everyLine.add(json.encode()));
      for (String line : everyLine) {
        assertThat(line)
            .doesNotContain(password)
            .doesNotContain(tokens.getString("access_token"))
            .doesNotContain(tokens.getString("refresh_token"))
            .doesNotContain(rotated)
            .doesNotContain("$argon2")
            .doesNotContainIgnoringCase("authorization: bearer");
      }
    }
  }
}
