package dev.products.support;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Registering and logging in over the real API, for tests that need a signed-in caller. */
public final class Accounts {

  public static final String PASSWORD = "s3cret-passw0rd";

  private Accounts() {}

  public static String uniqueEmail() {
    return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@products.test";
  }

  /** A new account; returns its user JSON. */
  public static JsonObject register(HttpClientSupport http, String email) {
    HttpClientSupport.Reply reply =
        http.postJson(
            "/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    if (reply.status() != 201) {
      throw new AssertionError("register failed: " + reply.status() + " " + reply.text());
    }
    return reply.json();
  }

  /** The token response of a password login. */
  public static JsonObject login(HttpClientSupport http, String email, String password) {
    HttpClientSupport.Reply reply =
        http.postForm(
            "/auth/token",
            MultiMap.caseInsensitiveMultiMap().add("username", email).add("password", password));
    if (reply.status() != 200) {
      throw new AssertionError("login failed: " + reply.status() + " " + reply.text());
    }
    return reply.json();
  }

  /** A client acting as a brand-new user. */
  public static HttpClientSupport newUser(HttpClientSupport http) {
    String email = uniqueEmail();
    register(http, email);
    return http.as(login(http, email, PASSWORD).getString("access_token"));
  }

  /** A client acting as the admin created at start from ADMIN_EMAIL / ADMIN_PASSWORD. */
  public static HttpClientSupport admin(HttpClientSupport http) {
    return http.as(
        login(http, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD).getString("access_token"));
  }
}
