package dev.products.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.http.contract.ContractDocument;
import dev.products.products.ProductEvent;
import dev.products.products.ProductEvents;
import dev.products.support.Accounts;
import dev.products.support.HttpClientSupport;
import dev.products.support.Products;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The events the service publishes are the events asyncapi.yaml documents, and the service serves
 * that document.
 */
class EventContractTest {

  private static Vertx vertx;
  private static TestApp app;
  private static Validator productEvent;
  private static JsonObject asyncapi;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx);
    asyncapi = ContractDocument.parse(Files.readString(Path.of("asyncapi.yaml")));
    JsonObject schemas = asyncapi.getJsonObject("components").getJsonObject("schemas");
    // The payload schema on its own, its reference to Product pointed at a local definition.
    JsonObject schema =
        new JsonObject(
                schemas
                    .getJsonObject("ProductEvent")
                    .encode()
                    .replace("#/components/schemas/Product\"", "#/$defs/Product\""))
            .put("$defs", new JsonObject().put("Product", schemas.getJsonObject("Product")));
    productEvent =
        Validator.create(
            JsonSchema.of(schema),
            new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012)
                .setBaseUri("https://products.local/")
                .setOutputFormat(OutputFormat.Basic));
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  @Test
  void everyPublishedProductEventValidatesAgainstTheAsyncApiSchema() {
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    ProductEvents.ADDRESSES.forEach(
        address ->
            vertx
                .eventBus()
                .<JsonObject>consumer(address, message -> published.add(message.body()))
                .completion()
                .await());
    HttpClientSupport user = Accounts.newUser(app.http());

    long id =
        user.postJson("/products", Products.valid("Contracted").put("description", "checked"))
            .json()
            .getLong("id");
    user.patchJson("/products/" + id, new JsonObject().put("description", null));
    user.delete("/products/" + id);

    dev.products.support.Eventually.eventually(
        java.time.Duration.ofSeconds(10), published::size, n -> n >= 3);
    for (JsonObject event : published) {
      OutputUnit result = productEvent.validate(event);
      assertThat(result.getValid()).as("%s: %s", event.encode(), result.getErrors()).isTrue();
    }
  }

  @Test
  void theDocumentedExamplesOfEveryProductEventValidateToo() {
    JsonObject messages = asyncapi.getJsonObject("components").getJsonObject("messages");
    for (String name : List.of("ProductCreated", "ProductUpdated", "ProductDeleted")) {
      var examples = messages.getJsonObject(name).getJsonArray("examples");
      assertThat(examples).as(name).isNotEmpty();
      for (int i = 0; i < examples.size(); i++) {
        JsonObject payload = examples.getJsonObject(i).getJsonObject("payload");
        OutputUnit result = productEvent.validate(payload);
        assertThat(result.getValid()).as("%s example %d: %s", name, i, result.getErrors()).isTrue();
      }
    }
  }

  @Test
  void theSchemaRefusesAnEventThatBreaksIt() {
    JsonObject broken =
        new ProductEvent(1, ProductEvents.UPDATED, 1, 1, null, 1, "2026-12-03T10:00:00Z")
            .toJson()
            .put("product", new JsonObject().put("name", 42));

    assertThat(productEvent.validate(broken).getValid()).isFalse();
  }

  @Test
  void theEventContractIsServedAndLinkedFromTheApiDescription() {
    HttpClientSupport.Reply served = app.http().get("/asyncapi.yaml");

    assertThat(served.status()).isEqualTo(200);
    assertThat(served.text()).contains("asyncapi: 3").contains("product.updated");
    assertThat(app.http().get("/openapi.yaml").text()).contains("(/asyncapi.yaml)");
  }
}
