package dev.products.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose file is checked by what it feeds the service: the
 * app's environment, with every {@code ${VAR:-default}} at its default, must be a valid prod config.
 */
@ExtendWith(VertxExtension.class)
class ComposeStackConfigTest {

  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

  @Test
  @SuppressWarnings("unchecked")
  void theComposeAppEnvironmentIsAValidProdConfiguration(Vertx vertx) throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("app")).get("environment");
    JsonObject settings = new JsonObject();
    environment.forEach((key, value) -> {
      Matcher m = INTERPOLATION.matcher(String.valueOf(value));
      settings.put(key, m.replaceAll(match -> Matcher.quoteReplacement(match.group(2))));
    });

    AppConfig config = ConfigLoader.load(vertx, settings).await();

    assertThat(config.profile()).isEqualTo(Profile.PROD);
    assertThat(config.databaseUrl()).map(DatabaseUrl::host).contains("postgres");
    assertThat(config.redis().url()).map(RedisUrl::host).contains("redis");
  }
}
