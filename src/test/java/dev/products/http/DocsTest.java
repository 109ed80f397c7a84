package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.http.contract.ContractDocument;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The contract is served as written, and Swagger UI renders it from the jar, with no CDN. */
class DocsTest extends ApiTestBase {

  @Test
  void contractIsServedAsYaml() {
    Reply reply = http.get("/openapi.yaml");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/yaml");
    JsonObject contract = ContractDocument.parse(reply.text());
    assertThat(contract.getString("openapi")).startsWith("3.1");
  }

  @Test
  void servedContractDeclaresTheFiveProductOperationsWithSchemasAndExamples() {
    JsonObject paths =
        ContractDocument.parse(http.get("/openapi.yaml").text()).getJsonObject("paths");

    assertThat(paths.getJsonObject("/products").getJsonObject("post").getString("operationId"))
        .isEqualTo("createProduct");
    assertThat(paths.getJsonObject("/products").getJsonObject("get").getString("operationId"))
        .isEqualTo("listProducts");
    JsonObject item = paths.getJsonObject("/products/{id}");
    assertThat(item.getJsonObject("get").getString("operationId")).isEqualTo("getProduct");
    assertThat(item.getJsonObject("patch").getString("operationId")).isEqualTo("updateProduct");
    assertThat(item.getJsonObject("delete").getString("operationId")).isEqualTo("deleteProduct");
    for (String method : new String[] {"post", "get"}) {
      JsonObject operation = paths.getJsonObject("/products").getJsonObject(method);
      assertThat(operation.getString("summary")).isNotBlank();
      assertThat(operation.getJsonObject("responses").getJsonObject("400")).isNotNull();
    }
    assertThat(
            paths
                .getJsonObject("/products")
                .getJsonObject("post")
                .getJsonObject("requestBody")
                .getJsonObject("content")
                .getJsonObject("application/json")
                .getValue("example"))
        .isNotNull();
  }

  @Test
  void docsRedirectsToTheSwaggerUiPage() {
    Reply reply = http.get("/docs");

    assertThat(reply.status()).isEqualTo(302);
    assertThat(reply.header("Location")).isEqualTo("/docs/");
  }

  @Test
  void docsPageLoadsSwaggerUiFromTheServiceItself() {
    Reply page = http.get("/docs/");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains("swagger-ui-bundle.js")
        .doesNotContain("http://")
        .doesNotContain("https://");
    assertThat(http.get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
    assertThat(http.get("/docs/swagger-ui.css").status()).isEqualTo(200);
    assertThat(http.get("/docs/swagger-initializer.js").text()).contains("/openapi.yaml");
  }
}
