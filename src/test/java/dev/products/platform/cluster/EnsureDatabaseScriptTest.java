package dev.products.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.DatabaseUrl;
import dev.products.support.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/EnsureDatabase.java, which scripts/local-cluster.sh runs before the nodes, as a real
 * process against the real server: the cluster gets its own database without psql, and an
 * unreachable server is named in one line.
 */
class EnsureDatabaseScriptTest {

  @Test
  void createsTheDatabaseWhenItIsMissing() throws Exception {
    String name = "ensure_" + UUID.randomUUID().toString().replace("-", "");
    try {
      Run run = ensure(TestDatabase.withDatabase(name).toUri());
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).isEqualTo("database " + name + " created\n");
      assertThat(
              TestDatabase.count("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"))
          .isEqualTo(1);
    } finally {
      TestDatabase.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
    }
  }

  @Test
  void leavesAnExistingDatabaseAsItIs() throws Exception {
    DatabaseUrl existing = TestDatabase.url();
    Run run = ensure(existing.toUri());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("database " + existing.database() + " is there\n");
  }

  @Test
  void namesTheServerInOneLineWhenPostgresIsNotReachable() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Run run = ensure("postgresql://postgres@127.0.0.1:" + closed + "/products_cluster");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr().lines())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("PostgreSQL at 127.0.0.1:" + closed + " (user postgres) cannot be used: ")
        .contains("refused");
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run ensure(String databaseUrl) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Path.of("scripts", "EnsureDatabase.java").toAbsolutePath().toString(),
                databaseUrl)
            .start();
    // the outputs are a line or two each: read after the exit without risk of a full pipe
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("EnsureDatabase.java did not finish within 120 s");
    }
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
