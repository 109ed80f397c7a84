package dev.products.jobs;

import dev.products.auth.AuthUser;
import dev.products.exports.ProductExport;
import dev.products.platform.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Jobs as the API shows them, to whom it shows them: the user who asked for a job and admins see
 * it; to anyone else it does not exist (404, so job ids reveal nothing about other users' work).
 */
public final class JobViews {

  private final Bus bus;

  public JobViews(Bus bus) {
    this.bus = bus;
  }

  /** The stored job, if the signed-in user may see it; a 404 otherwise. */
  public Future<StoredJob> visible(RoutingContext rc, long id) {
    AuthUser user = AuthUser.of(rc);
    return bus.request(JobsBus.GET, new JobsBus.ById(id))
        .compose(
            job -> {
              Long creator = job.createdBy();
              return user.isAdmin() || (creator != null && creator == user.id())
                  ? Future.succeededFuture(job)
                  : Future.failedFuture(new HttpException(404, "job " + id + " does not exist"));
            });
  }

  public static String location(long id) {
    return "/jobs/" + id;
  }

  /**
   * What the client sees of a stored job: its state and progress, the result, links (the download
   * once an export has succeeded). The last error is internal detail: admins only.
   */
  public static JsonObject view(StoredJob job, AuthUser viewer) {
    long id = job.id();
    JsonObject links = new JsonObject().put("self", location(id));
    if (ProductExport.KIND.equals(job.kind()) && "succeeded".equals(job.state())) {
      links.put("download", "/exports/" + id);
    }
    JsonObject view =
        new JsonObject()
            .put("id", id)
            .put("kind", job.kind())
            .put("state", job.state())
            .put("attempts", job.attempts())
            .put("max_attempts", job.maxAttempts())
            .put("progress", job.progress())
            .put("result", job.result())
            .put("created_at", job.createdAt())
            .put("updated_at", job.updatedAt())
            .put("links", links);
    if (viewer.isAdmin()) {
      view.put("last_error", job.lastError());
    }
    return view;
  }
}
