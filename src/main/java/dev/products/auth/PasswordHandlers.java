package dev.products.auth;

import dev.products.http.Responses;
import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * The password lifecycle: change it (signed in, with the current one), ask for a reset e-mail, and
 * reset it with the mailed token. A change ends every other session of the user and a reset every
 * session, on every node; both mail a notice. Every answer is no-store.
 */
public final class PasswordHandlers {

  private final Bus bus;
  private final PasswordHasher passwords;
  private final LoginThrottle throttle;

  public PasswordHandlers(Bus bus, PasswordHasher passwords, LoginThrottle throttle) {
    this.bus = bus;
    this.passwords = passwords;
    this.throttle = throttle;
  }

  /** A request field refused with a reason, answered as a 400 naming the field. */
  private static final class Refused extends RuntimeException {
    private final String field;
    private final String detail;

    Refused(String field, String detail) {
      super(field + ": " + detail, null, false, false);
      this.field = field;
      this.detail = detail;
    }
  }

  /**
   * {@code POST /users/me/password}. A wrong current password counts against the login limits like
   * a failed login, so a stolen access token cannot be used to guess the password.
   */
  public void change(RoutingContext rc) {
    Responses.noStore(rc);
    AuthUser user = AuthUser.of(rc);
    JsonObject body = AuthHandlers.validatedBody(rc);
    String current = body.getString("current_password");
    String next = body.getString("new_password");
    Future<Void> changed =
        bus.request(UsersBus.CREDENTIALS_OF, new UsersBus.ById(user.id()))
            .compose(account -> throttle.admit(rc, account.email()).map(account))
            .compose(
                account ->
                    passwords
                        .verify(current, account.passwordHash())
                        .compose(
                            matches -> {
                              if (!matches) {
                                throttle.failed(rc);
                                return Future.failedFuture(
                                    new Refused(
                                        "current_password", "does not match the current password"));
                              }
                              if (current.equals(next)) {
                                return Future.failedFuture(
                                    new Refused(
                                        "new_password", "must differ from the current password"));
                              }
                              return acceptable("new_password", next, account.email());
                            }))
            .compose(passwords::hash)
            .compose(
                hash ->
                    bus.request(
                        UsersBus.CHANGE_PASSWORD,
                        new UsersBus.PasswordChange(user.id(), hash, user.session())));
    answer(
        rc,
        changed,
        done -> {
          // Live sockets of the user's other sessions close now, on whichever node holds them.
          SessionEvents.publish(
              rc.vertx().eventBus(),
              SessionEvents.Revoked.everySessionBut(user.id(), user.session()));
          rc.response().setStatusCode(204).end();
        });
  }

  /**
   * {@code POST /auth/password-reset}: 202 whether or not an account has the address (the mail, if
   * any, is a job), so the answer tells nobody which addresses have accounts.
   */
  public void requestReset(RoutingContext rc) {
    Responses.noStore(rc);
    String email = AuthHandlers.validatedBody(rc).getString("email").trim();
    Responses.answer(
        rc,
        throttle
            .admitReset(rc, email)
            .compose(admitted -> bus.request(UsersBus.REQUEST_RESET, new UsersBus.ByEmail(email))),
        queued -> rc.response().setStatusCode(202).end());
  }

  /** {@code POST /auth/password-reset/confirm}: the mailed token and the new password. */
  public void reset(RoutingContext rc) {
    Responses.noStore(rc);
    JsonObject body = AuthHandlers.validatedBody(rc);
    String tokenHash = RefreshTokens.hash(body.getString("token"));
    String password = body.getString("password");
    Future<Long> reset =
        bus.request(UsersBus.RESET_HOLDER, new UsersBus.ByResetToken(tokenHash))
            .recover(PasswordHandlers::tokenNotGood)
            .compose(holder -> acceptable("password", password, holder.email()))
            .compose(passwords::hash)
            .compose(
                hash ->
                    bus.request(
                            UsersBus.RESET_PASSWORD, new UsersBus.PasswordReset(tokenHash, hash))
                        .recover(PasswordHandlers::tokenNotGood));
    answer(
        rc,
        reset,
        userId -> {
          SessionEvents.publish(
              rc.vertx().eventBus(),
              SessionEvents.Revoked.everySession(userId, "the password has been reset"));
          rc.response().setStatusCode(204).end();
        });
  }

  /** The password itself when the policy takes it; otherwise a refusal naming the field. */
  private Future<String> acceptable(String field, String password, String email) {
    return passwords
        .weakness(password, email)
        .compose(
            weakness ->
                weakness == null
                    ? Future.succeededFuture(password)
                    : Future.failedFuture(new Refused(field, weakness)));
  }

  private static <T> Future<T> tokenNotGood(Throwable failure) {
    return Future.failedFuture(
        failure instanceof ReplyException reply && BusFailure.of(reply) == BusFailure.NOT_FOUND
            ? new Refused("token", "is not valid, has been used or has expired; ask for a new one")
            : failure);
  }

  /** {@link Responses#answer}, with a refused field answered as a 400 naming it. */
  private static <T> void answer(RoutingContext rc, Future<T> work, Consumer<T> writer) {
    work.onComplete(
        done -> {
          if (done.failed() && done.cause() instanceof Refused refused) {
            if (!rc.response().ended()) {
              AuthHandlers.badField(rc, refused.field, refused.detail);
            }
          } else {
            Responses.answer(rc, work, writer);
          }
        });
  }
}
