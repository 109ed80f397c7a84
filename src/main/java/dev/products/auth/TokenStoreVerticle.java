package dev.products.auth;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The refresh-token and revocation store on the bus ({@link TokensBus}). */
public final class TokenStoreVerticle extends StoreVerticle {

  public TokenStoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    super(config, databaseUrl, outage);
  }

  @Override
  protected List<MessageConsumer<JsonObject>> consumers(Pool pool) {
    TokenRepository tokens = new TokenRepository(pool);
    return List.of(
        answer(
            TokensBus.ISSUE_REFRESH,
            body ->
                tokens
                    .issue(
                        body.getLong("user_id"),
                        body.getString("token_hash"),
                        body.getLong("expires_at"))
                    .map(v -> new JsonObject())),
        answer(
            TokensBus.ROTATE_REFRESH,
            body ->
                tokens.rotate(
                    body.getString("token_hash"),
                    body.getString("new_token_hash"),
                    body.getLong("expires_at"))),
        answer(
            TokensBus.REVOKE,
            body ->
                tokens
                    .revoke(
                        body.getLong("user_id"),
                        body.getString("jti"),
                        body.getLong("expires_at"),
                        body.getString("refresh_token_hash"))
                    .map(v -> new JsonObject())));
  }
}
