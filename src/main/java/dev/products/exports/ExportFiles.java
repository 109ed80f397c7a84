package dev.products.exports;

import java.nio.file.Path;

/**
 * Where exports live: {@code DATA_DIR/exports/<job id>.csv}, written first as {@code .csv.part} and
 * renamed when complete, so a download never sees half a file. The HTTP verticle reads the same
 * paths; several instances must share {@code DATA_DIR} to serve each other's exports.
 */
public final class ExportFiles {

  private final Path directory;

  public ExportFiles(Path dataDir) {
    this.directory = dataDir.toAbsolutePath().normalize().resolve("exports");
  }

  public Path directory() {
    return directory;
  }

  public Path csv(long jobId) {
    return directory.resolve(jobId + ".csv");
  }

  Path partial(long jobId) {
    return directory.resolve(jobId + ".csv.part");
  }

  /** The name a browser saves the download under. */
  public static String downloadName(long jobId) {
    return "products-export-" + jobId + ".csv";
  }
}
