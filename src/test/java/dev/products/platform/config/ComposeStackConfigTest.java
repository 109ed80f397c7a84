package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose stack is checked by what it feeds the service and its
 * neighbours: each replica's environment (the {@code x-app} anchor merged in, every {@code
 * ${VAR:-default}} at its default) must be a valid prod config; the replicas must form one cluster,
 * each advertising its own name, and share the export volume; nginx, the one published service,
 * must be the proxy they trust and must reach every one of them, as must Prometheus.
 */
@ExtendWith(VertxExtension.class)
class ComposeStackConfigTest {

  private static final List<String> REPLICAS = List.of("app1", "app2", "app3");
  private static final String NGINX_ADDRESS = "172.28.0.10";
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

  /** {@code ${VAR:?message}}: the operator must set it; compose refuses to start otherwise. */
  private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]*}");

  @Test
  void everyReplicaOfTheComposeStackIsAValidProdConfigurationInOneCluster(Vertx vertx)
      throws IOException {
    Map<String, Object> services = services();
    // Every service named app* is a replica of the service (SnakeYAML has merged `<<: *app`).
    List<String> replicas =
        services.keySet().stream().filter(name -> name.startsWith("app")).sorted().toList();
    assertThat(replicas).containsExactlyElementsOf(REPLICAS);

    // What an operator sets (compose refuses to start without it): a real secret.
    String secret = TestApp.randomSecret();
    for (String replica : replicas) {
      Map<String, Object> service = map(services.get(replica));
      JsonObject settings = new JsonObject();
      map(service.get("environment"))
          .forEach(
              (key, value) -> {
                String defaulted =
                    INTERPOLATION
                        .matcher(String.valueOf(value))
                        .replaceAll(match -> Matcher.quoteReplacement(match.group(2)));
                settings.put(
                    key,
                    REQUIRED
                        .matcher(defaulted)
                        .replaceAll(match -> Matcher.quoteReplacement(secret)));
              });

      AppConfig config = ConfigLoader.load(vertx, settings).await();

      assertThat(config.profile()).as(replica).isEqualTo(Profile.PROD);
      assertThat(config.databaseUrl()).as(replica).map(DatabaseUrl::host).contains("postgres");
      assertThat(config.redis().url()).as(replica).map(RedisUrl::host).contains("redis");
      assertThat(config.managementPort())
          .as(replica + ": Prometheus scrapes the management port")
          .isEqualTo(8081);
      assertThat(config.cluster().enabled()).as(replica).isTrue();
      assertThat(config.cluster().host())
          .as(replica + " advertises its own name")
          .isEqualTo(replica);
      assertThat(service.get("hostname")).as(replica).isEqualTo(replica);
      assertThat(config.cluster().members())
          .as(replica)
          .hasSize(3)
          .containsExactlyElementsOf(
              REPLICAS.stream().map(name -> name + ":" + config.cluster().port()).toList());
      assertThat(config.edge().trustedProxies())
          .as(replica + ": only nginx is believed")
          .containsExactly(NGINX_ADDRESS);
      assertThat(config.tracing().enabled()).as(replica + " exports its traces").isTrue();
      assertThat(config.tracing().sdkProperties())
          .as(replica)
          .containsEntry("otel.exporter.otlp.endpoint", "http://jaeger:4318")
          .containsEntry("otel.resource.attributes", "host.name=" + replica);
    }
    // The operator must set the key: no default anyone could read here.
    assertThat(String.valueOf(map(map(services.get("app1")).get("environment")).get("JWT_SECRET")))
        .startsWith("${JWT_SECRET:?");
    // Every replica signs and checks tokens with the same key, else a token from one fails on
    // another.
    assertThat(
            replicas.stream()
                .map(name -> map(map(services.get(name)).get("environment")).get("JWT_SECRET"))
                .distinct())
        .hasSize(1);
  }

  @Test
  void jaegerReceivesOtlpFromTheReplicasAndGrafanaReadsIt() throws IOException {
    Map<String, Object> jaeger = map(services().get("jaeger"));

    assertThat(String.valueOf(jaeger.get("image"))).startsWith("jaegertracing/all-in-one:");
    assertThat(map(jaeger.get("environment"))).containsEntry("COLLECTOR_OTLP_ENABLED", "true");
    assertThat(list(jaeger.get("expose"))).contains("4318");
    assertThat(list(jaeger.get("ports")))
        .as("the UI on loopback only: it has no authentication")
        .containsExactly("127.0.0.1:16686:16686");
    Map<String, Object> provisioning =
        new Yaml()
            .load(Files.readString(Path.of("ops/grafana/provisioning/datasources/jaeger.yml")));
    Map<String, Object> datasource = map(list(provisioning.get("datasources")).get(0));
    assertThat(datasource)
        .containsEntry("type", "jaeger")
        .containsEntry("uid", "jaeger")
        .containsEntry("url", "http://jaeger:16686");
  }

  @Test
  void everyReplicaWritesExportsToTheOneSharedVolume() throws IOException {
    Matcher dataDir =
        Pattern.compile("DATA_DIR=(\\S+)").matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(dataDir.find()).as("the image sets DATA_DIR").isTrue();
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));

    assertThat(map(compose.get("volumes"))).containsKey("appdata");
    for (String replica : REPLICAS) {
      assertThat(list(map(map(compose.get("services")).get(replica)).get("volumes")))
          .as(replica)
          .contains("appdata:" + dataDir.group(1));
    }
  }

  @Test
  void nginxIsTheOnlyPublishedServiceAndHasTheAddressTheReplicasTrust() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    Map<String, Object> services = map(compose.get("services"));
    Map<String, Object> nginx = map(services.get("nginx"));

    assertThat(list(nginx.get("ports"))).containsExactly("8080:8080");
    assertThat(map(map(nginx.get("networks")).get("default")).get("ipv4_address"))
        .isEqualTo(NGINX_ADDRESS);
    String subnet =
        String.valueOf(
            map(list(map(map(map(compose.get("networks")).get("default")).get("ipam"))
                        .get("config"))
                    .get(0))
                .get("subnet"));
    assertThat(subnet)
        .as("nginx's fixed address is in the network's subnet")
        .isEqualTo("172.28.0.0/24");
    assertThat(map(nginx.get("depends_on"))).containsOnlyKeys(REPLICAS.toArray(String[]::new));
    REPLICAS.forEach(
        replica ->
            assertThat(map(map(nginx.get("depends_on")).get(replica)).get("condition"))
                .as(replica)
                .isEqualTo("service_healthy"));
    services.forEach(
        (name, service) -> {
          if (name.startsWith("app")) {
            assertThat(map(service).get("ports")).as(name + " publishes nothing").isNull();
          }
        });
  }

  @Test
  void nginxAndPrometheusReachEveryReplica() throws IOException {
    String nginx = Files.readString(Path.of("ops/nginx/nginx.conf"));
    for (String upstream : blocks(nginx, "upstream ")) {
      assertThat(upstream).contains("server app1:8080", "server app2:8080", "server app3:8080");
    }
    Map<String, Object> prometheus =
        new Yaml().load(Files.readString(Path.of("ops/prometheus/prometheus.yml")));
    Map<String, Object> job = map(list(prometheus.get("scrape_configs")).get(0));
    assertThat(list(map(list(job.get("static_configs")).get(0)).get("targets")))
        .containsExactlyInAnyOrder("app1:8081", "app2:8081", "app3:8081");
  }

  @Test
  void nginxPassesHostAndClientAddressOnEveryRouteAndUpgradesTheLiveOnes() throws IOException {
    String nginx = Files.readString(Path.of("ops/nginx/nginx.conf"));
    // A location that sets any proxy_set_header inherits none from the server block: each must
    // then repeat them, or the replicas see "Host: products" (400 from the Host check) and
    // nginx's address as the client's.
    for (String location : blocks(nginx, "location ")) {
      if (location.contains("proxy_set_header")) {
        assertThat(location)
            .contains(
                "proxy_set_header Host ",
                "proxy_set_header X-Forwarded-For ",
                "proxy_set_header X-Forwarded-Proto ");
      }
    }
    for (String live : List.of("location /ws/ {", "location /eventbus/ {")) {
      String location =
          blocks(nginx, "location ").stream()
              .filter(block -> block.startsWith(live))
              .findFirst()
              .orElseThrow();
      assertThat(location)
          .contains(
              "proxy_set_header Upgrade $http_upgrade",
              "proxy_set_header Connection $connection_upgrade",
              "proxy_read_timeout");
    }
  }

  /**
   * The blocks (from the keyword to the matching closing brace) that start with {@code keyword},
   * comments removed.
   */
  private static List<String> blocks(String conf, String keyword) {
    String text = conf.replaceAll("(?m)#.*$", "");
    List<String> found = new ArrayList<>();
    Matcher directive =
        Pattern.compile("(?m)^[ \\t]*(" + Pattern.quote(keyword) + ")").matcher(text);
    while (directive.find()) {
      int start = directive.start(1);
      int depth = 0;
      for (int i = text.indexOf('{', start); i < text.length(); i++) {
        depth += text.charAt(i) == '{' ? 1 : text.charAt(i) == '}' ? -1 : 0;
        if (depth == 0) {
          found.add(text.substring(start, i + 1));
          break;
        }
      }
    }
    assertThat(found).as("blocks starting with '%s'", keyword).isNotEmpty();
    return found;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() throws IOException {
    return map(
        ((Map<String, Object>) new Yaml().load(Files.readString(Path.of("docker-compose.yml"))))
            .get("services"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
