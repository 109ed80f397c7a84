package dev.products.exports;

import dev.products.jobs.Job;
import dev.products.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;

/**
 * The {@code export-cleanup} task: removes export files (and parts of abandoned ones) last written
 * longer ago than {@code EXPORT_MAX_AGE}. It runs as a recurring job, so one instance at a time
 * does it whatever the number of instances; a download asked for afterwards gets 410.
 */
public final class ExportCleanup implements JobHandler {

  public static final String KIND = "export-cleanup";

  private final Vertx vertx;
  private final ExportFiles files;
  private final Duration maxAge;

  public ExportCleanup(Vertx vertx, ExportFiles files, Duration maxAge) {
    this.vertx = vertx;
    this.files = files;
    this.maxAge = maxAge;
  }

  @Override
  public Future<JsonObject> run(Job job) {
    FileSystem fs = vertx.fileSystem();
    long cutoff = System.currentTimeMillis() - maxAge.toMillis();
    return fs.exists(files.directory().toString())
        .compose(
            exists ->
                exists
                    ? fs.readDir(files.directory().toString())
                    : Future.succeededFuture(List.<String>of()))
        .compose(
            paths -> {
              List<Future<Boolean>> removals =
                  paths.stream().map(path -> removeIfOlder(fs, path, cutoff)).toList();
              return Future.all(removals)
                  .map(all -> removals.stream().filter(Future::result).count());
            })
        .map(removed -> new JsonObject().put("removed", removed));
  }

  /**
   * A file removed meanwhile (by a download's clean-up elsewhere, or by hand) is simply not
   * counted.
   */
  private static Future<Boolean> removeIfOlder(FileSystem fs, String path, long cutoff) {
    return fs.props(path)
        .compose(
            props ->
                props.isRegularFile() && props.lastModifiedTime() < cutoff
                    ? fs.delete(path).map(true)
                    : Future.succeededFuture(false))
        .recover(
            failure ->
                failure instanceof NoSuchFileException
                        || failure.getCause() instanceof NoSuchFileException
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(failure));
  }
}
