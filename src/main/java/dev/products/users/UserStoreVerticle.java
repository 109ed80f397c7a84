package dev.products.users;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The users store on the bus ({@link UsersBus}). */
public final class UserStoreVerticle extends StoreVerticle {

  public UserStoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    super(config, databaseUrl, outage);
  }

  @Override
  protected List<MessageConsumer<JsonObject>> consumers(Pool pool) {
    UserRepository users = new UserRepository(pool, config.jobs().maxAttempts());
    return List.of(
        answer(
            UsersBus.CREATE,
            body ->
                users.create(
                    body.getString("email"),
                    body.getString("password_hash"),
                    body.getString("role"))),
        answer(UsersBus.GET, body -> users.find(body.getLong("id"))),
        answer(UsersBus.LIST, body -> users.page(body.getInteger("limit"), body.getLong("offset"))),
        answer(
            UsersBus.UPDATE,
            body -> users.update(body.getLong("id"), body.getJsonObject("changes"))),
        answer(UsersBus.CREDENTIALS, body -> users.credentials(body.getString("email"))),
        answer(
            UsersBus.AUTH_STATE,
            body -> users.authState(body.getLong("id"), body.getString("jti"))),
        answer(
            UsersBus.ENSURE_ADMIN,
            body -> users.ensureAdmin(body.getString("email"), body.getString("password_hash"))));
  }
}
