package dev.products.jobs;

import dev.products.platform.bus.BusFailure;

/** Background jobs, answered by the job verticle (local consumers). */
public final class JobsBus {

  /**
   * {@code {"kind", "payload"?: {}, "created_by"?, "max_pending"?}} → {@code {"id"}}: the job is
   * stored (durable from here on) and workers on every instance are woken through PostgreSQL
   * NOTIFY; {@link BusFailure#TOO_MANY_REQUESTS} when {@code created_by} already has {@code
   * max_pending} jobs of this kind waiting or running.
   */
  public static final String ENQUEUE = "jobs.enqueue";

  /**
   * {@code {"id"}} → the job: id, kind, payload, state, attempts, max_attempts, run_at, last_error,
   * progress, result, created_by, created_at, updated_at; or {@link BusFailure#NOT_FOUND}.
   */
  public static final String GET = "jobs.get";

  private JobsBus() {}
}
