package dev.products.platform.database;

import java.nio.file.Path;

/**
 * Another process (most likely a second products-api) holds the embedded PostgreSQL of this
 * DATA_DIR. Not a failure to diagnose with a stack trace: the command line says so in one line and
 * exits with {@link #EXIT_CODE}.
 */
public final class DataDirectoryInUseException extends RuntimeException {

  /** EX_TEMPFAIL of sysexits.h: nothing is broken, it works once the other instance stops. */
  public static final int EXIT_CODE = 75;

  public DataDirectoryInUseException(Path dataDir) {
    super(
        "another products-api is already using data directory "
            + dataDir.toAbsolutePath().normalize()
            + " (its embedded PostgreSQL): stop it, or set DATA_DIR to another directory",
        null,
        false,
        false);
  }
}
