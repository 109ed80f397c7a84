package dev.products.jobs;

import dev.products.platform.config.MailConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the service's e-mails through the SMTP server of {@code SMTP_URL}, one shared client per
 * process; without one (development) a mail is not sent and one log line says so, naming the user
 * by id: neither the address nor the text (a reset token) goes to the log, which is kept and read
 * far more widely than a mailbox. A refusal or an unreachable server fails the job attempt, which
 * the job verticle retries.
 */
public final class Mailer {

  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  private final MailConfig config;
  private final @Nullable MailClient client;

  private Mailer(MailConfig config, @Nullable MailClient client) {
    this.config = config;
    this.client = client;
  }

  public static Mailer create(Vertx vertx, MailConfig config) {
    MailClient client =
        config
            .smtp()
            .map(
                smtp -> {
                  io.vertx.ext.mail.MailConfig options =
                      new io.vertx.ext.mail.MailConfig()
                          .setHostname(smtp.host())
                          .setPort(smtp.port())
                          .setSsl(smtp.tls())
                          .setStarttls(
                              smtp.tls() ? StartTLSOptions.DISABLED : StartTLSOptions.OPTIONAL)
                          .setConnectTimeout(10_000);
                  if (smtp.user() != null) {
                    options
                        .setLogin(LoginOption.REQUIRED)
                        .setUsername(smtp.user())
                        .setPassword(smtp.password());
                  } else {
                    options.setLogin(LoginOption.DISABLED);
                  }
                  return MailClient.createShared(vertx, options, "products-mail");
                })
            .orElse(null);
    return new Mailer(config, client);
  }

  /**
   * Sends one plain-text mail; the result says how it left, for the job's record.
   *
   * @param what the kind of mail, for the log line when there is no SMTP server
   * @param userId whom it is for, for that log line
   */
  public Future<JsonObject> send(String what, long userId, String to, String subject, String text) {
    MailClient smtp = client;
    if (smtp == null) {
      LOG.info(
          "No SMTP_URL: the {} e-mail of user {} was not sent (set SMTP_URL to send it)",
          what,
          userId);
      return Future.succeededFuture(new JsonObject().put("delivered", "none"));
    }
    return smtp.sendMail(
            new MailMessage().setFrom(config.from()).setTo(to).setSubject(subject).setText(text))
        .map(
            result ->
                new JsonObject().put("delivered", "smtp").put("message_id", result.getMessageID()));
  }
}
