package dev.products.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged jar ({@code target/products-api.jar}), as {@code java -jar} reads it. */
class JarManifestIT {

  @Test
  void manifestOpensTheJdkPackagesHazelcastNeeds() throws Exception {
    Path jar = Path.of(System.getProperty("products.jar", "target/products-api.jar"));
    assertThat(Files.isRegularFile(jar)).as(jar + " exists (mvn package)").isTrue();
    Attributes manifest;
    try (JarFile file = new JarFile(jar.toFile())) {
      manifest = file.getManifest().getMainAttributes();
    }

    // What Hazelcast 5.3 checks at start (ModularJavaUtils) and otherwise warns about.
    assertThat(List.of(manifest.getValue("Add-Exports").split(" ")))
        .contains("java.base/jdk.internal.ref");
    assertThat(List.of(manifest.getValue("Add-Opens").split(" ")))
        .contains(
            "java.base/java.lang",
            "java.base/sun.nio.ch",
            "java.management/sun.management",
            "jdk.management/com.sun.management.internal");
  }
}
