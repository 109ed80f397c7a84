package dev.products.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What the service did, in business terms, next to the technical figures Vert.x records. */
public final class BusinessMetrics {

  private final MeterRegistry registry;
  private final Counter productsCreated;
  private final Counter failedLogins;

  public BusinessMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.productsCreated =
        Counter.builder("product.creations").description("Products created").register(registry);
    this.failedLogins =
        Counter.builder("auth.failed.logins")
            .description("Password logins refused for a wrong e-mail or password")
            .register(registry);
  }

  public void productCreated() {
    productsCreated.increment();
  }

  public void failedLogin() {
    failedLogins.increment();
  }

  /**
   * Counts a 429.
   *
   * @param limit which limit refused: ip, login_ip or login_account
   */
  public void rateLimitRefusal(String limit) {
    Counter.builder("ratelimit.refusals")
        .description("Requests refused with 429 by a rate limit")
        .tag("limit", limit)
        .register(registry)
        .increment();
  }

  public MeterRegistry registry() {
    return registry;
  }
}
