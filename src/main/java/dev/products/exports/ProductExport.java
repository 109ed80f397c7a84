package dev.products.exports;

import dev.products.jobs.Job;
import dev.products.jobs.JobHandler;
import dev.products.platform.bus.Bus;
import dev.products.products.Product;
import dev.products.products.ProductsBus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code product-export} job: every product of the payload's {@code owner_id} (or every product
 * when it is absent) as a UTF-8 CSV file. Products are read from the repository over the event bus
 * a page at a time in id order, and written through Vert.x's asynchronous file API, so neither the
 * rows nor the file ever sit whole in memory and no event loop waits on the disk. Progress is
 * stored after each page. A retry starts the file again from the top.
 */
public final class ProductExport implements JobHandler {

  public static final String KIND = "product-export";
  private static final int PAGE_SIZE = 1000;

  private final Vertx vertx;
  private final Bus bus;
  private final ExportFiles files;

  public ProductExport(Vertx vertx, Bus bus, ExportFiles files) {
    this.vertx = vertx;
    this.bus = bus;
    this.files = files;
  }

  /** The payload of an export of one user's products, or of all products ({@code ownerId} null). */
  public static JsonObject payload(@Nullable Long ownerId) {
    return new JsonObject().put("owner_id", ownerId);
  }

  @Override
  public Future<JsonObject> run(Job job) {
    Long ownerId = job.payload().getLong("owner_id");
    Path partial = files.partial(job.id());
    return vertx
        .fileSystem()
        .mkdirs(files.directory().toString())
        .compose(v -> bus.request(ProductsBus.COUNT, new ProductsBus.Count(ownerId)))
        .compose(
            total -> {
              return job.progress()
                  .report(progress(0, total))
                  .compose(
                      v ->
                          vertx
                              .fileSystem()
                              .open(
                                  partial.toString(),
                                  new OpenOptions()
                                      .setWrite(true)
                                      .setCreate(true)
                                      .setTruncateExisting(true)))
                  .compose(
                      file ->
                          new Writing(job, ownerId, total, file)
                              .run()
                              .eventually(file::close)
                              .recover(
                                  failure ->
                                      vertx
                                          .fileSystem()
                                          .delete(partial.toString())
                                          .transform(deleted -> Future.failedFuture(failure))));
            })
        .compose(
            written ->
                vertx
                    .fileSystem()
                    .move(
                        partial.toString(),
                        files.csv(job.id()).toString(),
                        new CopyOptions().setReplaceExisting(true))
                    .map(written));
  }

  private static JsonObject progress(long written, long total) {
    return new JsonObject().put("rows_written", written).put("rows_total", total);
  }

  /** One run through the pages; the count of rows at the start is only the progress's yardstick. */
  private final class Writing {

    private final Job job;
    private final Long ownerId;
    private final long total;
    private final AsyncFile file;
    private long rows;
    private long bytes;

    Writing(Job job, Long ownerId, long total, AsyncFile file) {
      this.job = job;
      this.ownerId = ownerId;
      this.total = total;
      this.file = file;
    }

    Future<JsonObject> run() {
      Promise<JsonObject> done = Promise.promise();
      write(CsvRows.header()).onSuccess(v -> pageAfter(0, done)).onFailure(done::fail);
      return done.future();
    }

    /**
     * One page, then the next from its callback: a loop, not a chain of nested futures, which would
     * keep every page (and its products) reachable until the whole export ends.
     */
    private void pageAfter(long afterId, Promise<JsonObject> done) {
      bus.request(ProductsBus.EXPORT_PAGE, new ProductsBus.ExportPage(ownerId, afterId, PAGE_SIZE))
          .compose(this::writePage)
          .onSuccess(
              next -> {
                if (next < 0) {
                  done.complete(summary());
                } else {
                  pageAfter(next, done);
                }
              })
          .onFailure(done::fail);
    }

    /**
     * @return the id to continue after, or -1 when this was the last page
     */
    private Future<Long> writePage(ProductsBus.Batch page) {
      List<Product> items = page.items();
      if (items.isEmpty()) {
        return Future.succeededFuture(-1L);
      }
      StringBuilder csv = new StringBuilder(items.size() * 128);
      for (int i = 0; i < items.size(); i++) {
        CsvRows.append(csv, items.get(i).toJson());
      }
      rows += items.size();
      long next = items.size() < PAGE_SIZE ? -1 : items.get(items.size() - 1).id();
      return write(csv.toString())
          .compose(v -> job.progress().report(progress(rows, Math.max(rows, total))))
          .map(next);
    }

    private JsonObject summary() {
      return new JsonObject()
          .put("rows", rows)
          .put("bytes", bytes)
          .put("file", ExportFiles.downloadName(job.id()));
    }

    private Future<Void> write(String text) {
      Buffer buffer = Buffer.buffer(text);
      bytes += buffer.length();
      return file.write(buffer);
    }
  }
}
