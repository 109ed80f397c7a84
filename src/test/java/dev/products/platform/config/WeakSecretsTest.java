package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prod profile signs with no secret an attacker could know or guess. */
@ExtendWith(VertxExtension.class)
class WeakSecretsTest {

  private static AppConfig prod(Vertx vertx, JsonObject overrides) {
    return ConfigLoader.load(
            vertx,
            new JsonObject()
                .put("APP_PROFILE", "prod")
                .put("DATABASE_URL", "postgresql://db/x")
                .put("REDIS_URL", "redis://redis:6379")
                .put("ALLOWED_HOSTS", "api.example.com")
                .mergeIn(overrides))
        .await();
  }

  @Test
  void everyExampleSecretOfTheRepositoryIsRefusedInProdWithoutBeingNamed(Vertx vertx) {
    assertThat(SecretStrength.examples()).isNotEmpty();
    for (String example : SecretStrength.examples()) {
      assertThatThrownBy(() -> prod(vertx, new JsonObject().put("JWT_SECRET", example)))
          .as(example)
          .hasMessageStartingWith("JWT_SECRET: is an example value")
          .hasMessageNotContaining(example);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "0123456789abcdef0123456789abcdef",
        "passwordpasswordpasswordpassword",
        "my-super-secret-jwt-signing-key-2024"
      })
  void aSecretMadeOfRepeatsSequencesOrWordsIsRefusedInProd(String secret, Vertx vertx) {
    assertThatThrownBy(() -> prod(vertx, new JsonObject().put("JWT_SECRET", secret)))
        .hasMessageStartingWith("JWT_SECRET: is too easy to guess")
        .hasMessageContaining("openssl rand");
  }

  @Test
  void aRandomSecretIsTaken(Vertx vertx) {
    assertThat(prod(vertx, new JsonObject().put("JWT_SECRET", TestApp.randomSecret())).jwt())
        .isNotNull();
  }

  @Test
  void aWeakPreviousSecretIsRefusedByItsPositionAlone(Vertx vertx) {
    String weak = SecretStrength.examples().iterator().next();
    assertThatThrownBy(
            () ->
                prod(
                    vertx,
                    new JsonObject()
                        .put("JWT_SECRET", TestApp.randomSecret())
                        .put("JWT_PREVIOUS_SECRETS", TestApp.randomSecret() + "," + weak)))
        .hasMessageStartingWith("JWT_PREVIOUS_SECRETS: secret number 2 is an example value")
        .hasMessageNotContaining(weak);
  }

  @Test
  void developmentStillTakesTheExamples(Vertx vertx) {
    String example = SecretStrength.examples().iterator().next();
    AppConfig dev =
        ConfigLoader.load(
                vertx, new JsonObject().put("DATABASE_URL", "").put("JWT_SECRET", example))
            .await();
    assertThat(dev.profile()).isEqualTo(Profile.DEV);
  }

  /** Every literal JWT_SECRET in the repository's files is on the list the prod profile refuses. */
  @Test
  void theListHoldsEveryJwtSecretWrittenInTheRepository() throws IOException {
    // A value written after JWT_SECRET: quoted (Java, shell, YAML) or bare (env files, shell),
    // never a reference (${...}, <placeholder>, a Java expression).
    Pattern assignment =
        Pattern.compile(
            "JWT_SECRET\"?\\s*(?:=|:|,)\\s*(?:\"([^\"$<{\\s]{8,})\"|([^\\s\"'$<{,)]{8,}))");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("."))) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(path -> !path.startsWith("./target") && !path.startsWith("./.git"))
              .filter(path -> !path.toString().contains("node_modules"))
              .filter(
                  path ->
                      path.toString()
                          .matches(".*\\.(java|sh|md|ya?ml|json|mjs|ts|js|example|conf|txt)$"))
              .toList()) {
        boolean java = file.toString().endsWith(".java");
        Matcher m = assignment.matcher(Files.readString(file));
        while (m.find()) {
          // In Java only a string literal is a value; a bare word there is a variable.
          String value = m.group(1) != null ? m.group(1) : java ? null : m.group(2);
          if (value != null) {
            found.add(value);
          }
        }
      }
    }
    assertThat(found).as("the scan finds the test's own secret").contains(TestApp.JWT_SECRET);
    assertThat(found).allSatisfy(value -> assertThat(SecretStrength.examples()).contains(value));
  }
}
