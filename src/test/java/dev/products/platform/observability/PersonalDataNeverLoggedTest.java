package dev.products.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.LogCapture;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every log line of a start (first admin made), a registration, a wrong and a right login, and a
 * welcome e-mail that the mail server refuses quoting the recipient, at DEBUG: no e-mail address
 * and no password in any of them, as text or as JSON.
 */
class PersonalDataNeverLoggedTest {

  /**
   * A real SMTP server that refuses every recipient the way Postfix does, quoting the address in
   * its answer: the text a failed mail job would otherwise put in the log.
   */
  private static final class RefusingSmtpServer implements AutoCloseable {

    private final NetServer server;
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    private RefusingSmtpServer(Vertx vertx) {
      server =
          vertx
              .createNetServer()
              .connectHandler(
                  socket -> {
                    socket.write("220 refusing.test ESMTP\r\n");
                    socket.handler(
                        RecordParser.newDelimited(
                            "\r\n",
                            line -> {
                              String command = line.toString().toUpperCase(Locale.ROOT);
                              if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                                socket.write("250 refusing.test\r\n");
                              } else if (command.startsWith("RCPT TO:")) {
                                String refusal =
                                    "550 5.1.1 "
                                        + line.toString().substring("RCPT TO:".length()).strip()
                                        + ": Recipient address rejected: User unknown";
                                refusals.add(refusal);
                                socket.write(refusal + "\r\n");
                              } else if (command.startsWith("QUIT")) {
                                socket.write("221 2.0.0 Bye\r\n").onComplete(v -> socket.close());
                              } else {
                                socket.write("250 2.0.0 Ok\r\n");
                              }
                            }));
                  });
      server.listen(0, "127.0.0.1").await();
    }

    int port() {
      return server.actualPort();
    }

    @Override
    public void close() {
      server.close().await();
    }
  }

  @Test
  void noEmailAddressOrPasswordAppearsInAnyLogLine() {
    String database = "products_no_pii_" + Long.toHexString(System.nanoTime());
    String adminEmail = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@products.test";
    String adminPassword = TestApp.randomSecret();
    String email = Accounts.uniqueEmail();
    String password = "personal-password-" + System.nanoTime();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    TestDatabase.execute("CREATE DATABASE " + database);
    Vertx vertx = Vertx.vertx();
    List<String> everyLine = new ArrayList<>();
    try (RefusingSmtpServer smtp = new RefusingSmtpServer(vertx);
        LogCapture logs = new LogCapture()) {
      root.setLevel(Level.DEBUG);
      // A database of its own: no admin exists yet, so the start makes one and says so, and the
      // only job there is this test's.
      try (TestApp app =
          TestApp.start(
              vertx,
              new JsonObject()
                  .put("DATABASE_URL", TestDatabase.withDatabase(database).toUri())
                  .put("ADMIN_EMAIL", adminEmail)
                  .put("ADMIN_PASSWORD", adminPassword)
                  .put("SMTP_URL", "smtp://127.0.0.1:" + smtp.port())
                  .put("JOB_CONCURRENCY", 1)
                  .put("JOB_MAX_ATTEMPTS", 2)
                  .put("JOB_POLL_INTERVAL", "100ms")
                  .put("JOB_BACKOFF_BASE", "100ms")
                  .put("JOB_BACKOFF_MAX", "100ms"))) {
        HttpClientSupport http = app.http();

        assertThat(
                http.postJson(
                        "/auth/register",
                        new JsonObject().put("email", email).put("password", password))
                    .status())
            .isEqualTo(201);
        assertThat(
                http.postForm(
                        "/auth/token",
                        MultiMap.caseInsensitiveMultiMap()
                            .add("username", email)
                            .add("password", "wrong-" + password))
                    .status())
            .isEqualTo(401);
        Accounts.login(http, email, password);

        logs.awaitLine(line -> line.contains("(ADMIN_EMAIL) is now the admin"));
        logs.awaitLine(line -> line.contains("is dead after 2 attempts"));
        assertThat(smtp.refusals)
            .as("the mail server's answer quoted the address")
            .anyMatch(refusal -> refusal.contains(email));
        assertThat(logs.lines())
            .as("the job's failure is logged with the server's reason, the address taken out")
            .anyMatch(line -> line.contains("<[e-mail]>: Recipient address rejected"));
      }
      everyLine.addAll(logs.lines());
      logs.jsonLines().forEach(json -> everyLine.add(json.encode()));
    } finally {
      root.setLevel(level);
      vertx.close().await();
      TestDatabase.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    assertThat(everyLine).hasSizeGreaterThan(10);
    for (String line : everyLine) {
      assertThat(line.toLowerCase(Locale.ROOT))
          .doesNotContain(email.toLowerCase(Locale.ROOT))
          .doesNotContain(adminEmail.toLowerCase(Locale.ROOT));
      assertThat(line).doesNotContain(password).doesNotContain(adminPassword);
    }
  }
}
