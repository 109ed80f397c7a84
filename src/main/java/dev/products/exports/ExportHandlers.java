package dev.products.exports;

import dev.products.auth.AuthUser;
import dev.products.http.PathIds;
import dev.products.http.Responses;
import dev.products.jobs.JobViews;
import dev.products.jobs.JobsBus;
import dev.products.jobs.StoredJob;
import dev.products.platform.bus.Bus;
import dev.products.platform.bus.BusFailure;
import dev.products.platform.config.ExportsConfig;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;

/**
 * {@code POST /exports} queues a CSV export of products as a background job; {@code GET
 * /exports/{id}} streams the finished file from disk to the user who asked for it (or an admin).
 */
public final class ExportHandlers {

  /** Seconds a client refused for having too many exports pending is told to wait. */
  private static final String RETRY_AFTER_SECONDS = "30";

  private final Bus bus;
  private final JobViews jobs;
  private final ExportFiles files;
  private final ExportsConfig config;

  public ExportHandlers(Bus bus, JobViews jobs, ExportFiles files, ExportsConfig config) {
    this.bus = bus;
    this.jobs = jobs;
    this.files = files;
    this.config = config;
  }

  public void create(RoutingContext rc) {
    AuthUser user = AuthUser.of(rc);
    boolean all = "all".equals(scope(rc));
    if (all && !user.isAdmin()) {
      rc.fail(
          new HttpException(
              403, "only an admin may export all products; leave out scope to export your own"));
      return;
    }
    JobsBus.Enqueue enqueue =
        new JobsBus.Enqueue(
            ProductExport.KIND,
            ProductExport.payload(all ? null : user.id()),
            user.id(),
            config.maxPendingPerUser());
    Future<StoredJob> queued =
        bus.request(JobsBus.ENQUEUE, enqueue)
            .compose(id -> jobs.visible(rc, id))
            .onFailure(
                failure -> {
                  if (failure instanceof ReplyException reply
                      && BusFailure.of(reply) == BusFailure.TOO_MANY_REQUESTS) {
                    rc.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
                  }
                });
    Responses.answer(
        rc,
        queued,
        job -> {
          rc.response().putHeader("Location", JobViews.location(job.id()));
          Responses.json(rc, 202, JobViews.view(job, user));
        });
  }

  public void download(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    long id = PathIds.of(request);
    jobs.visible(rc, id)
        .compose(job -> ready(job, id))
        // No exists() first: the clean-up may remove the file between a check and the send, so
        // the send's own "no such file" is what says the export is gone.
        .compose(
            path ->
                rc.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"" + ExportFiles.downloadName(id) + "\"")
                    .putHeader("Cache-Control", "private, no-store")
                    .sendFile(path)
                    .recover(
                        failure ->
                            Future.failedFuture(
                                missing(failure)
                                    ? new HttpException(
                                        410,
                                        "export "
                                            + id
                                            + " has expired: exports are kept for "
                                            + config.maxAge().toHours()
                                            + " h; ask for a new one")
                                    : failure)))
        .onFailure(
            failure -> {
              if (!rc.response().headWritten()) {
                rc.fail(failure);
              } else {
                rc.response().reset();
              }
            });
  }

  private static boolean missing(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The file of an export that has finished; 404 for other kinds of job, 409 while it is not done.
   */
  private Future<String> ready(StoredJob job, long id) {
    if (!ProductExport.KIND.equals(job.kind())) {
      return Future.failedFuture(new HttpException(404, "export " + id + " does not exist"));
    }
    String state = job.state();
    return switch (state) {
      case "succeeded" -> Future.succeededFuture(files.csv(id).toString());
      case "dead" ->
          Future.failedFuture(
              new HttpException(
                  409, "export " + id + " failed and will not be retried; ask for a new one"));
      default ->
          Future.failedFuture(
              new HttpException(
                  409,
                  "export "
                      + id
                      + " is not ready (it is "
                      + state
                      + "); follow "
                      + JobViews.location(id)
                      + " until it has succeeded"));
    };
  }

  private static String scope(RoutingContext rc) {
    ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    if (request.getBody() == null || request.getBody().isNull()) {
      return "own";
    }
    JsonObject body = request.getBody().getJsonObject();
    return body == null ? "own" : body.getString("scope", "own");
  }
}
