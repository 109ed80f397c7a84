package dev.products.bus;

/** Background jobs, answered by the job verticle (local consumers). */
public final class JobsBus {

  /**
   * {@code {"kind", "payload"?: {}, "created_by"?}} → {@code {"id"}}: the job is stored (durable
   * from here on) and workers on every instance are woken through PostgreSQL NOTIFY.
   */
  public static final String ENQUEUE = "jobs.enqueue";

  /** {@code {"id"}} → the job: id, kind, state, attempts, run_at, last_error, result; or NOT_FOUND. */
  public static final String GET = "jobs.get";

  private JobsBus() {}
}
