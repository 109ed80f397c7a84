package dev.products.http.health;

import dev.products.platform.bus.BusFailure;

/** Readiness probes answered by the verticles that own each dependency (local consumers). */
public final class HealthBus {

  /**
   * {@code {}} → {@code {"schema_version"}} when PostgreSQL answers and the schema has the newest
   * packaged migration applied; otherwise a {@link BusFailure#UNAVAILABLE} failure saying why.
   */
  public static final String DATABASE = "health.database";

  /**
   * {@code {}} → {@code {}} when Redis answers a PING in time; otherwise {@link
   * BusFailure#UNAVAILABLE}.
   */
  public static final String REDIS = "health.redis";

  private HealthBus() {}
}
