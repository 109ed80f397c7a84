package dev.products.auth;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LiveClient;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Changing a password, and resetting a forgotten one by e-mail, end to end: real HTTP, the job
 * queue on PostgreSQL, and a real SMTP server (GreenMail) that receives the mails.
 */
class PasswordLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int RESETS_PER_ADDRESS = 3;
  private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^([A-Za-z0-9_-]{43})\\s*$");

  private static Vertx vertx;
  private static GreenMail smtp;
  private static TestApp app;
  private static HttpClientSupport http;

  @BeforeAll
  static void start() {
    int port = TestApp.freePort();
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    vertx = Vertx.vertx();
    app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("SMTP_URL", "smtp://127.0.0.1:" + port)
                .put("JOB_CONCURRENCY", 2)
                .put("JOB_POLL_INTERVAL", "200ms")
                .put("RATE_LIMIT_RESET_PER_ACCOUNT", RESETS_PER_ADDRESS)
                .put("WS_PING_INTERVAL", "300ms"));
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
    smtp.stop();
  }

  private static String strongPassword() {
    return "Fresh-" + UUID.randomUUID();
  }

  private record Account(String email, long id, JsonObject tokens) {
    HttpClientSupport http() {
      return PasswordLifecycleTest.http.as(tokens.getString("access_token"));
    }
  }

  private static Account newAccount() {
    String email = Accounts.uniqueEmail();
    long id = Accounts.register(http, email).getLong("id");
    return new Account(email, id, Accounts.login(http, email, Accounts.PASSWORD));
  }

  private static Reply change(Account account, String current, String next) {
    return account
        .http()
        .postJson(
            "/users/me/password",
            new JsonObject().put("current_password", current).put("new_password", next));
  }

  private static int login(String email, String password) {
    return http.postForm(
            "/auth/token",
            io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                .add("username", email)
                .add("password", password))
        .status();
  }

  private static Reply refresh(JsonObject tokens) {
    return http.postJson(
        "/auth/refresh", new JsonObject().put("refresh_token", tokens.getString("refresh_token")));
  }

  private static Reply requestReset(String email) {
    return http.postJson("/auth/password-reset", new JsonObject().put("email", email));
  }

  private static Reply confirm(String token, String password) {
    return http.postJson(
        "/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("password", password));
  }

  private static List<MimeMessage> mailsTo(String email, String subject) {
    return java.util.Arrays.stream(smtp.getReceivedMessages())
        .filter(
            message -> {
              try {
                return message.getAllRecipients()[0].toString().equals(email)
                    && message.getSubject().equals(subject);
              } catch (jakarta.mail.MessagingException unreadable) {
                throw new IllegalStateException(unreadable);
              }
            })
        .toList();
  }

  /** The body of the {@code nth} (from 1) mail with this subject to this address, once it came. */
  private static String awaitMail(String email, String subject, int nth) {
    MimeMessage mail =
        eventually(
            WAIT,
            () -> {
              List<MimeMessage> mails = mailsTo(email, subject);
              return mails.size() >= nth ? mails.get(nth - 1) : null;
            },
            Objects::nonNull);
    try {
      return mail.getContent().toString();
    } catch (Exception unreadable) {
      throw new IllegalStateException(unreadable);
    }
  }

  private static String awaitResetToken(String email, int nth) {
    Matcher token = TOKEN_LINE.matcher(awaitMail(email, "Reset your products API password", nth));
    assertThat(token.find()).as("the mail carries a reset code").isTrue();
    return token.group(1);
  }

  private static void assertRefusedField(Reply reply, String field) {
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo(field);
  }

  @Test
  void aChangedPasswordSignsInAndTheOldOneNoLonger() {
    Account account = newAccount();
    String next = strongPassword();

    Reply changed = change(account, Accounts.PASSWORD, next);

    assertThat(changed.status()).isEqualTo(204);
    assertThat(changed.header("Cache-Control")).isEqualTo("no-store");
    assertThat(login(account.email(), Accounts.PASSWORD)).isEqualTo(401);
    assertThat(login(account.email(), next)).isEqualTo(200);
  }

  @Test
  void changingThePasswordEndsEveryOtherSessionAndKeepsTheOneThatChangedIt() {
    Account account = newAccount();
    JsonObject otherSession = Accounts.login(http, account.email(), Accounts.PASSWORD);

    assertThat(change(account, Accounts.PASSWORD, strongPassword()).status()).isEqualTo(204);

    Reply other = http.as(otherSession.getString("access_token")).get("/users/me");
    assertThat(other.status()).isEqualTo(401);
    assertThat(other.json().getString("detail")).isEqualTo("the session has been revoked");
    assertThat(refresh(otherSession).status()).isEqualTo(401);
    assertThat(account.http().get("/users/me").status()).isEqualTo(200);
    assertThat(refresh(account.tokens()).status()).isEqualTo(200);
  }

  @Test
  void changingThePasswordClosesTheOtherSessionsLiveSockets() {
    Account account = newAccount();
    JsonObject otherSession = Accounts.login(http, account.email(), Accounts.PASSWORD);
    try (LiveClient other =
            LiveClient.connect(vertx, app.port(), otherSession.getString("access_token"));
        LiveClient own =
            LiveClient.connect(vertx, app.port(), account.tokens().getString("access_token"))) {
      other.nextOfType("ready", WAIT);
      own.nextOfType("ready", WAIT);

      assertThat(change(account, Accounts.PASSWORD, strongPassword()).status()).isEqualTo(204);

      assertThat(other.awaitClose(WAIT)).isEqualTo((short) 4401);
      assertThat(own.isClosed()).as("the session that changed it stays connected").isFalse();
    }
  }

  @Test
  void aWrongCurrentPasswordIs400NamingItAndChangesNothing() {
    Account account = newAccount();

    assertRefusedField(change(account, "not-the-password", strongPassword()), "current_password");
    assertThat(login(account.email(), Accounts.PASSWORD)).isEqualTo(200);
  }

  @Test
  void anEasyNewPasswordIs400NamingIt() {
    Account account = newAccount();

    assertRefusedField(change(account, Accounts.PASSWORD, "password1"), "new_password");
    assertThat(login(account.email(), Accounts.PASSWORD)).isEqualTo(200);
  }

  @Test
  void theCurrentPasswordAgainIs400() {
    Account account = newAccount();

    assertRefusedField(change(account, Accounts.PASSWORD, Accounts.PASSWORD), "new_password");
  }

  @Test
  void changingThePasswordNeedsASignedInUser() {
    Reply reply =
        http.postJson(
            "/users/me/password",
            new JsonObject()
                .put("current_password", Accounts.PASSWORD)
                .put("new_password", strongPassword()));

    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void theOwnerIsMailedANoticeWhenThePasswordChanges() {
    Account account = newAccount();

    change(account, Accounts.PASSWORD, strongPassword());

    assertThat(awaitMail(account.email(), "Your products API password was changed", 1))
        .contains("was just changed");
  }

  @Test
  void aResetRequestGetsTheSameAnswerWhetherOrNotTheAddressHasAnAccount() {
    Account account = newAccount();
    String nobody = Accounts.uniqueEmail();

    Reply known = requestReset(account.email());
    Reply unknown = requestReset(nobody);

    assertThat(known.status()).isEqualTo(202);
    assertThat(unknown.status()).isEqualTo(known.status());
    assertThat(unknown.text()).isEqualTo(known.text()).isEmpty();
    assertThat(unknown.header("Cache-Control")).isEqualTo(known.header("Cache-Control"));
    assertThat(unknown.header("Content-Type")).isEqualTo(known.header("Content-Type"));
    awaitResetToken(account.email(), 1);
    assertThat(mailsTo(nobody, "Reset your products API password")).isEmpty();
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM jobs WHERE payload::text LIKE '%" + nobody + "%'"))
        .as("nothing about an address without an account is stored")
        .isZero();
  }

  @Test
  void theMailedTokenSetsANewPasswordOnce() {
    Account account = newAccount();
    requestReset(account.email());
    String token = awaitResetToken(account.email(), 1);
    String next = strongPassword();

    Reply reset = confirm(token, next);

    assertThat(reset.status()).isEqualTo(204);
    assertThat(reset.header("Cache-Control")).isEqualTo("no-store");
    assertThat(login(account.email(), next)).isEqualTo(200);
    assertThat(login(account.email(), Accounts.PASSWORD)).isEqualTo(401);
    assertRefusedField(confirm(token, strongPassword()), "token");
    assertThat(login(account.email(), next)).as("the second use changed nothing").isEqualTo(200);
  }

  @Test
  void aResetEndsEverySessionOfTheAccount() {
    Account account = newAccount();
    requestReset(account.email());
    String token = awaitResetToken(account.email(), 1);

    assertThat(confirm(token, strongPassword()).status()).isEqualTo(204);

    assertThat(account.http().get("/users/me").status()).isEqualTo(401);
    assertThat(refresh(account.tokens()).status()).isEqualTo(401);
    assertThat(awaitMail(account.email(), "Your products API password was changed", 1))
        .contains("was just changed");
  }

  @Test
  void theResetTokenIsStoredOnlyAsItsHash() {
    Account account = newAccount();
    requestReset(account.email());
    String token = awaitResetToken(account.email(), 1);

    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM password_reset_tokens WHERE user_id = "
                    + account.id()
                    + " AND token_hash = sha256(convert_to('"
                    + token
                    + "', 'UTF8'))"))
        .isOne();
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM jobs WHERE payload::text LIKE '%" + token + "%'"))
        .isZero();
  }

  @Test
  void anExpiredResetTokenIs400() {
    Account account = newAccount();
    requestReset(account.email());
    String token = awaitResetToken(account.email(), 1);
    // 30 minutes later.
    TestDatabase.execute(
        "UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = "
            + account.id());

    assertRefusedField(confirm(token, strongPassword()), "token");
    assertThat(login(account.email(), Accounts.PASSWORD)).isEqualTo(200);
  }

  @Test
  void aNewerResetTokenVoidsTheOlderOne() {
    Account account = newAccount();
    requestReset(account.email());
    String older = awaitResetToken(account.email(), 1);
    requestReset(account.email());
    String newer = awaitResetToken(account.email(), 2);

    assertRefusedField(confirm(older, strongPassword()), "token");
    assertThat(confirm(newer, strongPassword()).status()).isEqualTo(204);
  }

  @Test
  void anUnknownResetTokenIs400NamingIt() {
    assertRefusedField(confirm("made-up-token", strongPassword()), "token");
  }

  @Test
  void anEasyPasswordIsRefusedAndTheTokenStillWorks() {
    Account account = newAccount();
    requestReset(account.email());
    String token = awaitResetToken(account.email(), 1);

    assertRefusedField(confirm(token, "iloveyou"), "password");
    assertThat(confirm(token, strongPassword()).status()).isEqualTo(204);
  }

  @Test
  void resetRequestsAreLimitedPerAddressWhateverItsSpelling() {
    Account account = newAccount();
    for (int i = 0; i < RESETS_PER_ADDRESS; i++) {
      String spelling = i % 2 == 0 ? account.email() : account.email().toUpperCase(Locale.ROOT);
      assertThat(requestReset(spelling).status()).isEqualTo(202);
    }

    Reply refused = requestReset(account.email().toUpperCase(Locale.ROOT));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotBlank();
  }

  @Test
  void aResetRequestForAnUnknownAddressIsLimitedAlike() {
    String nobody = Accounts.uniqueEmail();
    for (int i = 0; i < RESETS_PER_ADDRESS; i++) {
      assertThat(requestReset(nobody).status()).isEqualTo(202);
    }

    assertThat(requestReset(nobody).status())
        .as("the limit applies whether or not the address has an account")
        .isEqualTo(429);
  }
}
