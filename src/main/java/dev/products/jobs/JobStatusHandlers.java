package dev.products.jobs;

import dev.products.auth.AuthUser;
import dev.products.http.PathIds;
import dev.products.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;

/** {@code GET /jobs/{id}}: where a background job stands. */
public final class JobStatusHandlers {

  private final JobViews jobs;

  public JobStatusHandlers(JobViews jobs) {
    this.jobs = jobs;
  }

  public void get(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    long id = PathIds.of(request);
    Responses.answer(
        rc,
        jobs.visible(rc, id),
        job -> {
          // Polled while it runs: never from a cache.
          rc.response().putHeader("Cache-Control", "no-store");
          Responses.json(rc, 200, JobViews.view(job, AuthUser.of(rc)));
        });
  }
}
