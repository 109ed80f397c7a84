package dev.products.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The {@code welcome-email} job: one mail to a newly registered user. */
public final class WelcomeEmail implements JobHandler {

  public static final String KIND = "welcome-email";

  private final Mailer mailer;

  public WelcomeEmail(Mailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public Future<JsonObject> run(Job job) {
    String to = job.payload().getString("email");
    return mailer.send(
        "welcome",
        job.payload().getLong("user_id"),
        to,
        "Welcome to the products API",
        "Hello,\n\nyour account " + to + " is ready. Sign in at /docs to get started.\n");
  }
}
