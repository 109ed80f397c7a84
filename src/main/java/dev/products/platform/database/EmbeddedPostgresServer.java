package dev.products.platform.database;

import dev.products.platform.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A real PostgreSQL server started from the binaries packaged on Maven Central (zonky), keeping its
 * data in a directory that survives restarts. Blocking: call it from a worker thread.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** The file zonky locks while a server runs on a data directory. */
  private static final String LOCK_FILE = "epg-lock";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  public static EmbeddedPostgresServer start(Path dataDirectory) {
    return start(dataDirectory, 0);
  }

  /**
   * Starts on {@code port}, or on a free port when it is 0.
   *
   * @throws DataDirectoryInUseException when another process runs a server on {@code dataDirectory}
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres =
          builder
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPgBinaryResolver(new PostgresBinaries())
              .setServerConfig("max_connections", "200")
              .start();
      return new EmbeddedPostgresServer(postgres, dataDirectory);
    } catch (IOException | RuntimeException e) {
      // zonky refuses with a bare IllegalStateException when its lock file is held; asking the
      // lock ourselves tells that case apart without depending on its message.
      if (lockedByAnotherProcess(dataDirectory.resolve(LOCK_FILE))) {
        throw new DataDirectoryInUseException(dataDirectory);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException(
            "could not start the embedded PostgreSQL in " + dataDirectory, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static boolean lockedByAnotherProcess(Path lockFile) {
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException sameProcess) {
      return false;
    } catch (IOException unreadable) {
      return false;
    }
  }

  public DatabaseUrl url() {
    return DatabaseUrl.local(postgres.getPort(), "postgres", "postgres");
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
