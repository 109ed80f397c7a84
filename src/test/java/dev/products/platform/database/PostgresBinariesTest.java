package dev.products.platform.database;

import static dev.products.support.ExecutableCpus.ARM64;
import static dev.products.support.ExecutableCpus.X86_64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ExecutableCpus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL of each platform the README names is in the build, and the resolver hands
 * each one a server it can run. The arguments are what zonky passes: "Linux" or "Darwin", and
 * os.arch ("amd64" already turned into "x86_64").
 */
class PostgresBinariesTest {

  @Test
  void linuxX8664GetsAnX8664Server() throws IOException {
    Server server = resolve("Linux", "x86_64");
    assertThat(server.format()).isEqualTo("Linux");
    assertThat(server.cpus()).containsExactly(X86_64);
  }

  @Test
  void linuxArm64GetsAnArm64Server() throws IOException {
    Server server = resolve("Linux", "aarch64");
    assertThat(server.format()).isEqualTo("Linux");
    assertThat(server.cpus()).containsExactly(ARM64);
  }

  @Test
  void intelMacGetsAServerBuiltForX8664() throws IOException {
    Server server = resolve("Darwin", "x86_64");
    assertThat(server.format()).isEqualTo("macOS");
    assertThat(server.cpus()).contains(X86_64);
  }

  @Test
  void appleSiliconGetsAServerBuiltForArm64() throws IOException {
    Server server = resolve("Darwin", "aarch64");
    assertThat(server.format()).isEqualTo("macOS");
    assertThat(server.cpus()).contains(ARM64);
  }

  @Test
  void windowsAndAlpineServersAreLeftOutOfTheBuild() throws IOException {
    ClassLoader loader = PostgresBinaries.class.getClassLoader();
    assertThat(Collections.list(loader.getResources("postgres-windows-x86_64.txz"))).isEmpty();
    assertThat(Collections.list(loader.getResources("postgres-linux-x86_64-alpine_linux.txz")))
        .isEmpty();
  }

  private record Server(String format, java.util.Set<String> cpus) {}

  /** Resolves the tarball and reads the header of its bin/postgres. */
  private static Server resolve(String system, String machineHardware) throws IOException {
    try (InputStream tarball = new PostgresBinaries().getPgBinary(system, machineHardware);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new XZCompressorInputStream(tarball))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.getName().equals("bin/postgres")) {
          byte[] header = tar.readNBytes(4096);
          return new Server(ExecutableCpus.format(header), ExecutableCpus.of(header));
        }
      }
    }
    throw new AssertionError(
        "no bin/postgres in the tarball for " + system + " " + machineHardware);
  }
}
