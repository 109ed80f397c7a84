package dev.products.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The work of one kind of job. Runs on the job verticle's event loop: blocking work belongs in
 * {@code vertx.executeBlocking}. A failed future is a failed attempt (retried with backoff).
 */
@FunctionalInterface
public interface JobHandler {

  /** Returns the job's result, stored with it. */
  Future<JsonObject> run(Job job);
}
