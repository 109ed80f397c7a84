package dev.products.http.health;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.BusFailure;
import io.vertx.core.json.JsonObject;

/** Readiness probes answered by the verticles that own each dependency (local consumers). */
public final class HealthBus {

  /**
   * The schema's version when PostgreSQL answers and the schema has the newest packaged migration
   * applied; otherwise {@link BusFailure#UNAVAILABLE} saying why.
   */
  public static final Address<Probe, SchemaVersion> DATABASE = Address.of("health.database");

  /** Answers when Redis answers a PING in time; otherwise {@link BusFailure#UNAVAILABLE}. */
  public static final Address<Probe, Void> REDIS = Address.of("health.redis");

  private HealthBus() {}

  /** A probe: it has no parameters. */
  public record Probe() {}

  /** The schema a ready database has. */
  public record SchemaVersion(String current, String expected) {

    /** As the readiness check's data. */
    public JsonObject toJson() {
      return new JsonObject().put("schema_version", current).put("expected_version", expected);
    }
  }
}
