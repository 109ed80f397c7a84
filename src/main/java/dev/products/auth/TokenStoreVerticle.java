package dev.products.auth;

import dev.products.platform.config.AppConfig;
import dev.products.platform.config.DatabaseUrl;
import dev.products.platform.logging.DependencyOutage;
import dev.products.platform.store.StoreVerticle;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The refresh-token and revocation store on the bus ({@link TokensBus}). */
public final class TokenStoreVerticle extends StoreVerticle {

  public TokenStoreVerticle(AppConfig config, DatabaseUrl databaseUrl, DependencyOutage outage) {
    super(config, databaseUrl, outage);
  }

  @Override
  protected List<MessageConsumer<?>> consumers(Pool pool) {
    TokenRepository tokens =
        new TokenRepository(pool, ended -> SessionEvents.publish(vertx.eventBus(), ended));
    return List.of(
        answer(
            TokensBus.ISSUE_REFRESH,
            issue ->
                tokens.issue(
                    issue.userId(),
                    issue.session(),
                    issue.tokenHash(),
                    issue.expiresAtEpochSecond())),
        answer(
            TokensBus.ROTATE_REFRESH,
            rotate ->
                tokens.rotate(
                    rotate.tokenHash(), rotate.newTokenHash(), rotate.expiresAtEpochSecond())),
        answer(
            TokensBus.REVOKE,
            revoke ->
                tokens.revoke(
                    revoke.userId(),
                    revoke.jti(),
                    revoke.session(),
                    revoke.expiresAtEpochSecond(),
                    revoke.refreshTokenHash())));
  }
}
