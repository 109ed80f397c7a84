package dev.products.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose file is checked by what it feeds the service: each
 * replica's environment, with every {@code ${VAR:-default}} at its default, must be a valid prod
 * config, and the replicas must form one cluster behind nginx.
 */
@ExtendWith(VertxExtension.class)
class ComposeStackConfigTest {

  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

  @Test
  @SuppressWarnings("unchecked")
  void everyReplicaOfTheComposeStackIsAValidProdConfigurationInOneCluster(Vertx vertx) throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    List<String> replicas = services.keySet().stream().filter(name -> name.matches("app\\d+")).sorted().toList();
    assertThat(replicas).containsExactly("app1", "app2", "app3");

    for (String replica : replicas) {
      Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get(replica)).get("environment");
      JsonObject settings = new JsonObject();
      environment.forEach((key, value) -> {
        Matcher m = INTERPOLATION.matcher(String.valueOf(value));
        settings.put(key, m.replaceAll(match -> Matcher.quoteReplacement(match.group(2))));
      });

      AppConfig config = ConfigLoader.load(vertx, settings).await();

      assertThat(config.profile()).as(replica).isEqualTo(Profile.PROD);
      assertThat(config.databaseUrl()).map(DatabaseUrl::host).contains("postgres");
      assertThat(config.redis().url()).map(RedisUrl::host).contains("redis");
      assertThat(config.cluster().enabled()).as(replica).isTrue();
      assertThat(config.cluster().host()).as("each replica advertises its own name").isEqualTo(replica);
      assertThat(config.cluster().members()).containsExactly("app1:5701", "app2:5701", "app3:5701");
      assertThat(config.edge().trustedProxies()).as("only nginx is believed").containsExactly("172.28.0.10");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void nginxIsTheOnlyPublishedServiceAndHasTheAddressTheReplicasTrust() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    Map<String, Object> nginx = (Map<String, Object>) services.get("nginx");

    assertThat((List<String>) nginx.get("ports")).containsExactly("8080:8080");
    Map<String, Object> network = (Map<String, Object>) ((Map<String, Object>) nginx.get("networks")).get("default");
    assertThat(network.get("ipv4_address")).isEqualTo("172.28.0.10");
    services.forEach((name, service) -> {
      if (name.startsWith("app")) {
        assertThat(((Map<String, Object>) service).get("ports")).as(name + " publishes nothing").isNull();
      }
    });
  }
}
