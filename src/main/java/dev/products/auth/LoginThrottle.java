package dev.products.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Limits attempts at an account's credentials (logins, password changes, reset e-mails) per account
 * and per client address; refusals fail the request with 429.
 */
public interface LoginThrottle {

  /**
   * Succeeds when this login (or password check) is within the limits; otherwise fails with a 429
   * already prepared.
   */
  Future<Void> admit(RoutingContext rc, String account);

  /** The same for a password-reset e-mail asked for this address. */
  Future<Void> admitReset(RoutingContext rc, String account);

  /** A failed attempt, for the metrics and the logs. */
  default void failed(RoutingContext rc) {}
}
