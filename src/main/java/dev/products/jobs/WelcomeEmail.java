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
 * The {@code welcome-email} job: one mail to a newly registered user, through the SMTP server of
 * {@code SMTP_URL}, or written to the log when there is none (development). A refusal or an
 * unreachable server fails the attempt, and the job verticle retries it.
 */
public final class WelcomeEmail implements JobHandler {

  public static final String KIND = "welcome-email";
  private static final Logger LOG = LoggerFactory.getLogger(WelcomeEmail.class);

  private final MailConfig config;
  private final @Nullable MailClient client;

  private WelcomeEmail(MailConfig config, @Nullable MailClient client) {
    this.config = config;
    this.client = client;
  }

  public static WelcomeEmail create(Vertx vertx, MailConfig config) {
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
    return new WelcomeEmail(config, client);
  }

  @Override
  public Future<JsonObject> run(Job job) {
    String to = job.payload().getString("email");
    MailMessage message =
        new MailMessage()
            .setFrom(config.from())
            .setTo(to)
            .setSubject("Welcome to the products API")
            .setText(
                "Hello,\n\nyour account " + to + " is ready. Sign in at /docs to get started.\n");
    MailClient smtp = client;
    if (smtp == null) {
      // The address and the text stay out of the log: logs are kept and read far more widely than
      // a mailbox, so they name the account by its id alone.
      LOG.info(
          "No SMTP_URL: the welcome e-mail of user {} was not sent (set SMTP_URL to send it)",
          job.payload().getValue("user_id"));
      return Future.succeededFuture(new JsonObject().put("delivered", "none"));
    }
    return smtp.sendMail(message)
        .map(
            result ->
                new JsonObject().put("delivered", "smtp").put("message_id", result.getMessageID()));
  }
}
