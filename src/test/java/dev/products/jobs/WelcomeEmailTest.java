package dev.products.jobs;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.products.platform.database.Migrations;
import dev.products.support.Accounts;
import dev.products.support.LogCapture;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registering sends a welcome e-mail as a job, through a real SMTP server (GreenMail) in the test.
 */
class WelcomeEmailTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    Migrations.migrate(TestDatabase.url());
    TestDatabase.execute("DELETE FROM jobs");
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private TestApp app(JsonObject settings) {
    return TestApp.start(
        vertx,
        new JsonObject()
            .put("JOB_CONCURRENCY", 2)
            .put("JOB_POLL_INTERVAL", "200ms")
            .put("JOB_BACKOFF_BASE", "100ms")
            .put("JOB_BACKOFF_MAX", "200ms")
            .mergeIn(settings),
        Map.of());
  }

  private static String stateOf(String email) {
    for (String state : new String[] {"queued", "running", "succeeded", "failed", "dead"}) {
      if (TestDatabase.count(
              "SELECT count(*) FROM jobs WHERE kind = 'welcome-email' AND payload->>'email' = '"
                  + email
                  + "' AND state = '"
                  + state
                  + "'")
          > 0) {
        return state;
      }
    }
    return null;
  }

  private static @Nullable MimeMessage messageTo(GreenMail smtp, String email) {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        if (message.getAllRecipients()[0].toString().equals(email)) {
          return message;
        }
      } catch (MessagingException unreadable) {
        throw new IllegalStateException(unreadable);
      }
    }
    return null;
  }

  @Test
  void aNewAccountGetsAWelcomeEmailThroughSmtp() throws Exception {
    int port = TestApp.freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (TestApp app = app(new JsonObject().put("SMTP_URL", "smtp://127.0.0.1:" + port))) {
      String email = Accounts.uniqueEmail();

      Accounts.register(app.http(), email);

      // On a shared database, welcome jobs other tests left queued may reach this server too:
      // the message that matters is the one to this account.
      MimeMessage mail =
          eventually(Duration.ofSeconds(10), () -> messageTo(smtp, email), Objects::nonNull);
      assertThat(mail.getSubject()).isEqualTo("Welcome to the products API");
      assertThat(GreenMailUtil.getBody(mail)).contains(email);
      eventually(Duration.ofSeconds(5), () -> stateOf(email), "succeeded"::equals);
    } finally {
      smtp.stop();
    }
  }

  @Test
  void whenSmtpFailsTheMailIsRetriedThenTheJobIsDead() {
    int nothingListens = TestApp.freePort();
    try (TestApp app =
        app(
            new JsonObject()
                .put("SMTP_URL", "smtp://127.0.0.1:" + nothingListens)
                .put("JOB_MAX_ATTEMPTS", 3))) {
      String email = Accounts.uniqueEmail();

      Accounts.register(app.http(), email);

      eventually(Duration.ofSeconds(20), () -> stateOf(email), "dead"::equals);
      assertThat(
              TestDatabase.count(
                  "SELECT attempts FROM jobs WHERE payload->>'email' = '" + email + "'"))
          .isEqualTo(3);
      assertThat(
              TestDatabase.count(
                  "SELECT count(*) FROM jobs WHERE payload->>'email' = '"
                      + email
                      + "' AND last_error IS NOT NULL"))
          .isEqualTo(1);
    }
  }

  @Test
  void withoutSmtpTheLogNamesTheUserByIdAndNeverTheAddress() {
    try (TestApp app = app(new JsonObject().put("SMTP_URL", ""));
        LogCapture logs = new LogCapture()) {
      String email = Accounts.uniqueEmail();

      JsonObject user = Accounts.register(app.http(), email);

      logs.awaitLine(
          line -> line.contains("welcome e-mail of user " + user.getLong("id") + " was not sent"));
      eventually(Duration.ofSeconds(5), () -> stateOf(email), "succeeded"::equals);
      assertThat(logs.lines()).noneMatch(line -> line.contains(email));
    }
  }
}
