package dev.products.users;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The users store on the bus ({@link UsersBus}). */
public final class UserStoreVerticle extends StoreVerticle {

  public UserStoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    super(config, databaseUrl, outage);
  }

  @Override
  protected List<MessageConsumer<?>> consumers(Pool pool) {
    UserRepository users = new UserRepository(pool, config.jobs().maxAttempts());
    PasswordStore passwords = new PasswordStore(pool, config.jobs().maxAttempts());
    return List.of(
        answer(
            UsersBus.CREATE, user -> users.create(user.email(), user.passwordHash(), user.role())),
        answer(UsersBus.GET, user -> users.find(user.id())),
        answer(UsersBus.LIST, page -> users.page(page.limit(), page.offset())),
        answer(UsersBus.UPDATE, users::update),
        answer(UsersBus.CREDENTIALS, login -> users.credentials(login.email())),
        answer(UsersBus.CREDENTIALS_OF, user -> users.credentials(user.id())),
        answer(UsersBus.CHANGE_PASSWORD, passwords::change),
        answer(UsersBus.REQUEST_RESET, request -> passwords.requestReset(request.email())),
        answer(UsersBus.ISSUE_RESET_TOKEN, passwords::issueResetToken),
        answer(UsersBus.RESET_HOLDER, token -> passwords.holder(token.tokenHash())),
        answer(UsersBus.RESET_PASSWORD, passwords::reset),
        answer(
            UsersBus.AUTH_STATE,
            holder -> users.authState(holder.id(), holder.jti(), holder.session())),
        answer(
            UsersBus.ENSURE_ADMIN,
            admin -> users.ensureAdmin(admin.email(), admin.passwordHash())));
  }
}
