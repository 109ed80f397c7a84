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

/** In the prod profile the first admin's password is held to the policy of users' passwords. */
@ExtendWith(VertxExtension.class)
class AdminPasswordTest {

  private static final String EMAIL = "ada.lovelace@example.com";

  private static AppConfig load(Vertx vertx, JsonObject overrides) {
    return ConfigLoader.load(vertx, overrides).await();
  }

  private static AppConfig prod(Vertx vertx, String adminPassword) {
    return load(
        vertx,
        new JsonObject()
            .put("APP_PROFILE", "prod")
            .put("DATABASE_URL", "postgresql://db/x")
            .put("REDIS_URL", "redis://redis:6379")
            .put("ALLOWED_HOSTS", "api.example.com")
            .put("JWT_SECRET", TestApp.randomSecret())
            .put("ADMIN_EMAIL", EMAIL)
            .put("ADMIN_PASSWORD", adminPassword));
  }

  private static AppConfig dev(Vertx vertx, String adminPassword) {
    return load(
        vertx,
        new JsonObject()
            .put("DATABASE_URL", "")
            .put("ADMIN_EMAIL", EMAIL)
            .put("ADMIN_PASSWORD", adminPassword));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"password", "12345678", "qwertyuiop", "password1", "iloveyou", "Password123"})
  void aCommonPasswordIsRefusedAsAdminPasswordInProd(String password, Vertx vertx) {
    assertThatThrownBy(() -> prod(vertx, password))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ADMIN_PASSWORD: is too easy to guess")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aPasswordMadeOfTheAdminEmailIsRefusedInProd(Vertx vertx) {
    // Strong enough on its own (zxcvbn scores it 3); with ADMIN_EMAIL as a known word it is not.
    assertThatThrownBy(() -> prod(vertx, "ada.lovelace2024"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ADMIN_PASSWORD: is too easy to guess")
        .hasMessageNotContaining("lovelace2024");
  }

  @Test
  void everyAdminPasswordPublishedInTheRepositoryIsRefusedInProdWithoutBeingNamed(Vertx vertx) {
    assertThat(AdminPassword.examples()).contains(TestApp.ADMIN_PASSWORD);
    List<String> published = new ArrayList<>(AdminPassword.examples());
    published.addAll(SecretStrength.examples());
    for (String example : published) {
      assertThatThrownBy(() -> prod(vertx, example))
          .as(example)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("ADMIN_PASSWORD: is an example value")
          .hasMessageNotContaining(example);
    }
  }

  @Test
  void anAdminPasswordLongerThanAUsersMayBeIsRefusedInProd(Vertx vertx) {
    assertThatThrownBy(() -> prod(vertx, "violet tractor ".repeat(9)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ADMIN_PASSWORD: must be at most 128 characters");
  }

  @Test
  void aPasswordHardToGuessIsTakenInProd(Vertx vertx) {
    AppConfig config = prod(vertx, "violet tractor seventeen ladders");

    assertThat(config.adminPassword()).contains("violet tractor seventeen ladders");
  }

  @Test
  void developmentStillTakesAnyPasswordOfEightCharacters(Vertx vertx) {
    assertThat(dev(vertx, "password").adminPassword()).contains("password");
    assertThat(dev(vertx, TestApp.ADMIN_PASSWORD).adminPassword()).contains(TestApp.ADMIN_PASSWORD);
  }

  @Test
  void aPasswordShorterThanEightCharactersIsRefusedInEveryProfile(Vertx vertx) {
    assertThatThrownBy(() -> dev(vertx, "short"))
        .hasMessage("ADMIN_PASSWORD: must be at least 8 characters");
    assertThatThrownBy(() -> prod(vertx, "short"))
        .hasMessage("ADMIN_PASSWORD: must be at least 8 characters");
  }

  /** Every literal ADMIN_PASSWORD in the repository's files is on the list prod refuses. */
  @Test
  void theListHoldsEveryAdminPasswordWrittenInTheRepository() throws IOException {
    // As for JWT_SECRET (WeakSecretsTest): a value written after ADMIN_PASSWORD (or the client
    // flows' PRODUCTS_ADMIN_PASSWORD) on the same line, never a reference (${...}, <placeholder>):
    // quoted, or bare after = or : (env files, shell, YAML). Grafana's GRAFANA_ADMIN_PASSWORD is
    // not this service's.
    Pattern assignment =
        Pattern.compile(
            "(?<![A-Z_])(?:PRODUCTS_)?ADMIN_PASSWORD\"?[ \\t]*([=:,])[ \\t]*"
                + "(?:\"([^\"$<{\\s]{8,})\"|([^\\s\"'$<{,)]{8,}))");
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
                          .matches(".*\\.(java|sh|md|ya?ml|json|mjs|ts|js|example|conf|txt|env)$"))
              .toList()) {
        boolean java = file.toString().endsWith(".java");
        Matcher m = assignment.matcher(Files.readString(file));
        while (m.find()) {
          String separator = m.group(1);
          String value =
              m.group(2) != null ? m.group(2) : separator.equals(",") ? null : m.group(3);
          // In Java a value is a string literal assigned or passed (= or ,); a bare word is a
          // variable, and after a colon it is the other branch of a conditional.
          if (java && (m.group(2) == null || separator.equals(":"))) {
            value = null;
          }
          if (value != null) {
            found.add(value);
          }
        }
      }
    }
    assertThat(found).as("the scan finds the tests' own password").contains(TestApp.ADMIN_PASSWORD);
    assertThat(found).allSatisfy(value -> assertThat(AdminPassword.examples()).contains(value));
  }
}
