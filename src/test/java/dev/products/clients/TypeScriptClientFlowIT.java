package dev.products.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ServiceJar;
import dev.products.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TypeScript client that openapi-generator makes from openapi.yaml ({@code typescript-fetch},
 * generated into target/generated-clients/typescript) against the packaged jar:
 * clients/typescript/flow.ts, compiled by tsc in pre-integration-test, run here with node. The flow
 * asserts every step itself and exits non-zero on the first that fails.
 */
class TypeScriptClientFlowIT {

  @Test
  void theGeneratedTypeScriptClientRunsTheWholeFlow(@TempDir Path workDir) throws Exception {
    try (ServiceJar service = ServiceJar.start(workDir)) {
      flow(service, workDir);
    }
  }

  private static void flow(ServiceJar service, Path workDir) throws Exception {
    Path flow =
        Path.of(
                System.getProperty(
                    "products.typescriptFlow",
                    "target/clients/typescript/clients/typescript/flow.js"))
            .toAbsolutePath();
    assertThat(flow).as("compiled by tsc in pre-integration-test").isRegularFile();
    Path output = workDir.resolve("flow.log");
    ProcessBuilder builder =
        new ProcessBuilder("node", "--enable-source-maps", flow.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("PRODUCTS_BASE_URL", service.baseUrl());
    builder.environment().put("PRODUCTS_ADMIN_EMAIL", TestApp.ADMIN_EMAIL);
    builder.environment().put("PRODUCTS_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
    Process node = builder.start();

    boolean ended = node.waitFor(3, TimeUnit.MINUTES);
    if (!ended) {
      node.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(ended).as("the flow ended within 3 minutes; it printed:%n%s", printed).isTrue();
    assertThat(node.exitValue())
        .as(
            "node's exit code; the flow printed:%n%s%nthe service logged:%n%s",
            printed, service.log())
        .isZero();
    assertThat(printed).contains("flow: all 16 steps passed");
  }
}
