package dev.products.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login and general limits, counted in Redis. The service sits behind a trusted proxy (this test),
 * so each test speaks for clients of its own through X-Forwarded-For and no two tests share a
 * counter.
 */
@ExtendWith(VertxExtension.class)
class RateLimitTest {

  static final int LOGIN_PER_ACCOUNT = 3;
  static final int LOGIN_PER_IP = 5;
  static final int PER_IP = 12;
  private static final AtomicInteger NEXT_CLIENT = new AtomicInteger(1);

  private static TestApp app;
  private static HttpClientSupport http;

  @BeforeAll
  static void start(Vertx vertx) {
    app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("TRUSTED_PROXIES", "127.0.0.1")
                .put("RATE_LIMIT_WINDOW", "1m")
                .put("RATE_LIMIT_LOGIN_PER_ACCOUNT", LOGIN_PER_ACCOUNT)
                .put("RATE_LIMIT_LOGIN_PER_IP", LOGIN_PER_IP)
                .put("RATE_LIMIT_PER_IP", PER_IP));
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A client address no other test uses. */
  static String newClient() {
    return "198.51.100." + NEXT_CLIENT.getAndIncrement();
  }

  static Reply login(String client, String email, String password) {
    return http.send(
        HttpMethod.POST,
        "/auth/token",
        "application/x-www-form-urlencoded",
        Buffer.buffer("username=" + email.replace("@", "%40") + "&password=" + password),
        MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", client));
  }

  static Reply get(String client, String path) {
    return http.send(
        HttpMethod.GET,
        path,
        null,
        null,
        MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", client));
  }

  static void assertTooManyRequests(Reply reply, int limit) {
    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/too-many-requests");
    assertThat(reply.json().getInteger("status")).isEqualTo(429);
    long retryAfter = Long.parseLong(reply.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(reply.header("RateLimit-Limit")).isEqualTo(String.valueOf(limit));
    assertThat(reply.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(reply.header("RateLimit-Reset"))).isEqualTo(retryAfter);
  }

  @Test
  void loginsPerAccountAreRefusedOverTheLimitFromAnyAddress() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    for (int i = 0; i < LOGIN_PER_ACCOUNT; i++) {
      assertThat(login(newClient(), email, "wrong-password").status()).isEqualTo(401);
    }

    Reply refused = login(newClient(), email.toUpperCase(Locale.ROOT), "wrong-password");

    assertTooManyRequests(refused, LOGIN_PER_ACCOUNT);
  }

  @Test
  void overTheLimitEvenTheRightPasswordIsRefused() {
    String email = Accounts.uniqueEmail();
    Accounts.register(http, email);
    for (int i = 0; i < LOGIN_PER_ACCOUNT; i++) {
      login(newClient(), email, "wrong-password");
    }

    Reply refused = login(newClient(), email, Accounts.PASSWORD);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().containsKey("access_token")).isFalse();
  }

  /**
   * The bypass issue 16 found: the limiter and the lookup disagreed on case, so "vİctİm" had a
   * budget of its own yet logged in as "victim". Now spellings of the same letters share the
   * account's budget, and look-alikes name no account.
   */
  @Test
  void noSpellingOfALockedAccountGetsABudgetOfItsOwnOrLogsIn() {
    String suffix = Accounts.uniqueEmail().substring("user".length());
    String email = "kitsune" + suffix;
    Accounts.register(http, email);
    for (int i = 0; i < LOGIN_PER_ACCOUNT; i++) {
      login(newClient(), email, "wrong-password");
    }

    for (String same :
        new String[] {
          "\u212Aitsune" + suffix, // Kelvin sign
          "kit\u017Fune" + suffix, // long s
          "\uFF4B\uFF49\uFF54\uFF53\uFF55\uFF4E\uFF45" + suffix, // full-width
          "KITSUNE" + suffix.toUpperCase(Locale.ROOT)
        }) {
      assertThat(login(newClient(), same, Accounts.PASSWORD).status()).as(same).isEqualTo(429);
    }
    for (String lookAlike : new String[] {"k\u0130tsune" + suffix, "k\u0131tsune" + suffix}) {
      Reply reply = login(newClient(), lookAlike, Accounts.PASSWORD);
      assertThat(reply.status()).as(lookAlike).isEqualTo(401);
      assertThat(reply.text()).doesNotContain("access_token");
    }
  }

  @Test
  void loginsPerClientAddressAreRefusedOverTheLimitWhateverTheAccount() {
    String client = newClient();
    for (int i = 0; i < LOGIN_PER_IP; i++) {
      assertThat(login(client, Accounts.uniqueEmail(), "wrong-password").status()).isEqualTo(401);
    }

    Reply refused = login(client, Accounts.uniqueEmail(), "wrong-password");

    assertTooManyRequests(refused, LOGIN_PER_IP);
    assertThat(login(newClient(), Accounts.uniqueEmail(), "wrong-password").status())
        .as("another address has its own budget")
        .isEqualTo(401);
  }

  @Test
  void everyResponseWithinTheGeneralLimitSaysWhatIsLeft() {
    String client = newClient();

    Reply first = get(client, "/products");
    Reply second = get(client, "/products");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("RateLimit-Limit")).isEqualTo(String.valueOf(PER_IP));
    assertThat(first.header("RateLimit-Remaining")).isEqualTo(String.valueOf(PER_IP - 1));
    assertThat(second.header("RateLimit-Remaining")).isEqualTo(String.valueOf(PER_IP - 2));
    assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isBetween(1L, 60L);
  }

  @Test
  void theGeneralLimitPerAddressCoversEveryRouteButTheHealthProbes() {
    String client = newClient();
    for (int i = 0; i < PER_IP; i++) {
      assertThat(get(client, i % 2 == 0 ? "/products" : "/no/such/route").status()).isIn(200, 404);
    }

    assertTooManyRequests(get(client, "/products"), PER_IP);
    assertTooManyRequests(get(client, "/openapi.yaml"), PER_IP);
    assertThat(get(client, "/healthz/live").status()).isEqualTo(200);
    assertThat(get(client, "/health").status()).isEqualTo(200);
    assertThat(get(newClient(), "/products").status()).isEqualTo(200);
  }

  @Test
  void aRefusedRequestWithABodyLeavesTheConnectionUsable() {
    String client = newClient();
    for (int i = 0; i < PER_IP; i++) {
      get(client, "/products");
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", client);
    Buffer body = new JsonObject().put("name", "x".repeat(200_000)).toBuffer();

    Reply refused = http.send(HttpMethod.POST, "/products", "application/json", body, headers);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(get(newClient(), "/products").status()).isEqualTo(200);
  }
}
