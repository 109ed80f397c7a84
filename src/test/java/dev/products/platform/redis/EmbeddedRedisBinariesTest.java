package dev.products.platform.redis;

import static dev.products.support.ExecutableCpus.ARM64;
import static dev.products.support.ExecutableCpus.X86_64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ExecutableCpus;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * embedded-redis picks its redis-server by os.name and `uname -m` from a table of jar resources;
 * each platform the README names has its entry, and the binary there is built for that platform.
 */
class EmbeddedRedisBinariesTest {

  @Test
  void linuxX8664HasAnX8664RedisServer() throws IOException {
    assertThat(binaryFor(OsArchitecture.UNIX_x86_64)).isEqualTo(new Binary("Linux", X86_64));
  }

  @Test
  void linuxArm64HasAnArm64RedisServer() throws IOException {
    assertThat(binaryFor(OsArchitecture.UNIX_AARCH64)).isEqualTo(new Binary("Linux", ARM64));
  }

  @Test
  void intelMacHasAnX8664RedisServer() throws IOException {
    assertThat(binaryFor(OsArchitecture.MAC_OS_X_x86_64)).isEqualTo(new Binary("macOS", X86_64));
  }

  @Test
  void appleSiliconHasAnArm64RedisServer() throws IOException {
    assertThat(binaryFor(OsArchitecture.MAC_OS_X_ARM64)).isEqualTo(new Binary("macOS", ARM64));
  }

  private record Binary(String format, String cpu) {}

  private static Binary binaryFor(OsArchitecture platform) throws IOException {
    String resource = ExecutableProvider.newProvidedVersionsMap().get(platform);
    assertThat(resource).as("the library's binary for %s", platform).isNotNull();
    try (InputStream in = ExecutableProvider.class.getResourceAsStream(resource)) {
      assertThat(in).as("%s on the class path", resource).isNotNull();
      byte[] header = in.readNBytes(4096);
      return new Binary(ExecutableCpus.format(header), String.join(",", ExecutableCpus.of(header)));
    }
  }
}
