package dev.products.jobs;

import dev.products.auth.RefreshTokens;
import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code password-reset-email} job: a new single-use reset token for the account (its hash
 * stored, voiding older ones), mailed to the account's address. The token is made when the mail is
 * sent, never stored in the job, so the jobs table holds no usable token; a retried attempt makes a
 * new one and the older one stops working.
 */
public final class PasswordResetEmail implements JobHandler {

  public static final String KIND = "password-reset-email";

  /** How long a reset token works (OWASP: short; ASVS 5.0 V6 asks for a short-lived token). */
  public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

  private final Bus bus;
  private final Mailer mailer;

  public PasswordResetEmail(Bus bus, Mailer mailer) {
    this.bus = bus;
    this.mailer = mailer;
  }

  @Override
  public Future<JsonObject> run(Job job) {
    long userId = job.payload().getLong("user_id");
    RefreshTokens.Minted token = RefreshTokens.mint();
    long expires = Instant.now().plus(TOKEN_LIFETIME).getEpochSecond();
    return bus.request(
            UsersBus.ISSUE_RESET_TOKEN, new UsersBus.ResetTokenIssue(userId, token.hash(), expires))
        .compose(
            to ->
                mailer.send(
                    "password reset",
                    userId,
                    to,
                    "Reset your products API password",
                    text(token.token())))
        .recover(
            failure ->
                failure instanceof ReplyException reply
                        && BusFailure.of(reply) == BusFailure.NOT_FOUND
                    // Deleted or disabled since it asked: nothing to send, nothing to retry.
                    ? Future.succeededFuture(
                        new JsonObject().put("delivered", "none").put("reason", "no account"))
                    : Future.failedFuture(failure));
  }

  private static String text(String token) {
    return "Hello,\n\n"
        + "someone asked to reset the password of this account. If it was you, send this code with"
        + " your new password to POST /auth/password-reset/confirm"
        + " ({\"token\": \"<code>\", \"password\": \"<new password>\"}) within "
        + TOKEN_LIFETIME.toMinutes()
        + " minutes:\n\n"
        + token
        + "\n\nThe code works once. Every session of the account ends when it is used.\n"
        + "If you did not ask, ignore this mail: your password stays as it is.\n";
  }
}
