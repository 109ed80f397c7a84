package dev.products.auth;

import dev.products.platform.bus.Bus;
import dev.products.platform.config.AppConfig;
import dev.products.users.UsersBus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start: when ADMIN_EMAIL / ADMIN_PASSWORD are set and no admin exists, that account becomes the
 * admin.
 */
public final class AdminBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  public static Future<Void> run(Vertx vertx, AppConfig config) {
    if (config.adminEmail().isEmpty()) {
      return Future.succeededFuture();
    }
    String email = config.adminEmail().get();
    PasswordHasher hasher = new PasswordHasher(vertx);
    Bus bus = new Bus(vertx, config.bus());
    return hasher
        .hash(config.adminPassword().orElseThrow())
        .compose(hash -> bus.request(UsersBus.ENSURE_ADMIN, new UsersBus.NewAdmin(email, hash)))
        .compose(
            created ->
                created
                    // The log names the account by id: logs are kept and read more widely than
                    // the users table, so no address goes into them.
                    ? bus.request(UsersBus.CREDENTIALS, new UsersBus.ByEmail(email))
                        .onSuccess(
                            admin ->
                                LOG.info(
                                    "No admin existed: user {} (ADMIN_EMAIL) is now the admin",
                                    admin.id()))
                        .<Void>mapEmpty()
                    : Future.<Void>succeededFuture())
        // Not fatal: with migrations off the schema may not be there yet; readiness says so.
        .recover(
            failure -> {
              LOG.warn("Could not make sure an admin exists: {}", failure.getMessage());
              return Future.succeededFuture();
            })
        .eventually(hasher::close);
  }
}
