package dev.products.jobs;

import dev.products.platform.bus.Address;
import dev.products.platform.bus.BusFailure;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/** Background jobs, answered by the job verticle (local consumers). */
public final class JobsBus {

  /**
   * Stores the job (durable from here on) and wakes workers on every instance through PostgreSQL
   * NOTIFY, answering its id; {@link BusFailure#INVALID} for a kind no handler runs, {@link
   * BusFailure#TOO_MANY_REQUESTS} when the creator already has {@code maxPending} jobs of this kind
   * waiting or running.
   */
  public static final Address<Enqueue, Long> ENQUEUE = Address.of("jobs.enqueue");

  /** The stored job, or {@link BusFailure#NOT_FOUND}. */
  public static final Address<ById, StoredJob> GET = Address.of("jobs.get");

  private JobsBus() {}

  /**
   * A job to store.
   *
   * @param createdBy the user it is for, or null for the service's own jobs
   * @param maxPending how many of this kind the creator may have waiting or running, or null for no
   *     limit
   */
  public record Enqueue(
      String kind, JsonObject payload, @Nullable Long createdBy, @Nullable Integer maxPending) {}

  public record ById(long id) {}
}
