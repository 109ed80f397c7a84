package dev.products.ratelimit;

import dev.products.auth.LoginThrottle;
import dev.products.auth.RefreshTokens;
import dev.products.http.edge.ClientAddress;
import dev.products.platform.config.RateLimitConfig;
import dev.products.platform.metrics.BusinessMetrics;
import dev.products.users.Emails;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Login attempts and reset e-mails per account (whatever the spelling of the e-mail) and per client
 * address.
 */
public final class LoginRateLimit implements LoginThrottle {

  private final RateLimits limits;
  private final RateLimitConfig config;
  private final BusinessMetrics metrics;

  public LoginRateLimit(RateLimits limits, RateLimitConfig config, BusinessMetrics metrics) {
    this.limits = limits;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> admit(RoutingContext rc, String account) {
    return limits
        .hit(rc, "login_ip", ClientAddress.of(rc), config.loginPerIp())
        .compose(
            v -> limits.hit(rc, "login_account", accountKey(account), config.loginPerAccount()));
  }

  @Override
  public Future<Void> admitReset(RoutingContext rc, String account) {
    return limits
        .hit(rc, "reset_ip", ClientAddress.of(rc), config.loginPerIp())
        .compose(
            v ->
                limits.hit(
                    rc,
                    "reset_account",
                    accountKey(account),
                    config.resetPerAccount(),
                    config.resetWindow()));
  }

  @Override
  public void failed(RoutingContext rc) {
    metrics.failedLogin();
  }

  /**
   * Counters are keyed by a digest of the canonical e-mail ({@link Emails}), the same form the
   * login looks the account up by, so Redis never holds the addresses themselves and no spelling of
   * an address gets a budget of its own for the same account.
   */
  private static String accountKey(String account) {
    return RefreshTokens.hash(Emails.canonical(account)).substring(0, 32);
  }
}
