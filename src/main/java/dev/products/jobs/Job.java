package dev.products.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A claimed job, as its handler sees it.
 *
 * @param progress stores how far the job has got, shown by {@code GET /jobs/{id}} while it runs
 */
public record Job(
    long id, String kind, JsonObject payload, int attempt, int maxAttempts, Progress progress) {

  @FunctionalInterface
  public interface Progress {
    Future<Void> report(JsonObject progress);
  }
}
