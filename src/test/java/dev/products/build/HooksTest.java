package dev.products.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed git hook and the pre-commit tool's configuration run the same checks. */
class HooksTest {

  @Test
  void preCommitConfigRunsExactlyTheCommandsOfTheCommittedHook() throws IOException {
    List<String> hook =
        Files.readAllLines(Path.of(".githooks/pre-commit")).stream()
            .filter(line -> line.startsWith("run "))
            .map(line -> line.substring("run ".length()).trim())
            .toList();
    List<String> config =
        Files.readAllLines(Path.of(".pre-commit-config.yaml")).stream()
            .map(String::trim)
            .filter(line -> line.startsWith("entry:"))
            .map(line -> line.substring("entry:".length()).trim())
            .toList();

    assertThat(hook).isNotEmpty().containsExactlyElementsOf(config);
  }

  @Test
  void theHookChecksFormattingAndCompiles() throws IOException {
    assertThat(Files.isExecutable(Path.of(".githooks/pre-commit"))).isTrue();
    assertThat(Files.readString(Path.of(".githooks/pre-commit")))
        .contains("run mvn -B -q spotless:check")
        .contains("run mvn -B -q compile");
  }
}
