package dev.products.jobs;

import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * The {@code password-changed-email} job: tells the account's owner that its password was changed
 * or reset (OWASP ASVS 5.0 V6: users are notified of changes to their credentials), so a change
 * they did not make does not go unnoticed.
 */
public final class PasswordChangedEmail implements JobHandler {

  public static final String KIND = "password-changed-email";

  private final Bus bus;
  private final Mailer mailer;

  public PasswordChangedEmail(Bus bus, Mailer mailer) {
    this.bus = bus;
    this.mailer = mailer;
  }

  @Override
  public Future<JsonObject> run(Job job) {
    long userId = job.payload().getLong("user_id");
    return bus.request(UsersBus.GET, new UsersBus.ById(userId))
        .compose(
            user ->
                mailer.send(
                    "password changed",
                    userId,
                    user.email(),
                    "Your products API password was changed",
                    "Hello,\n\nthe password of your account "
                        + user.email()
                        + " was just changed, and its other sessions were signed out.\n"
                        + "If this was not you, reset your password at once"
                        + " (POST /auth/password-reset) and tell us.\n"))
        .recover(
            failure ->
                failure instanceof ReplyException reply
                        && BusFailure.of(reply) == BusFailure.NOT_FOUND
                    ? Future.succeededFuture(
                        new JsonObject().put("delivered", "none").put("reason", "no account"))
                    : Future.failedFuture(failure));
  }
}
