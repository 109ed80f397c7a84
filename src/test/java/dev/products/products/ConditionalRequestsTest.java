package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** ETags from versions: 304 for an unchanged read, 412 for a write based on a stale read. */
class ConditionalRequestsTest extends ApiTestBase {

  private static MultiMap header(String name, String value) {
    return MultiMap.caseInsensitiveMultiMap().add(name, value);
  }

  private static long created() {
    return user.postJson("/products", Products.valid("Versioned")).json().getLong("id");
  }

  private static Reply patch(
      HttpClientSupport client, long id, JsonObject changes, String ifMatch) {
    return client.send(
        HttpMethod.PATCH,
        "/products/" + id,
        "application/json",
        changes.toBuffer(),
        header("If-Match", ifMatch));
  }

  @Test
  void everyWriteMovesTheVersionAndTheStrongEtag() {
    Reply create = user.postJson("/products", Products.valid("Versioned"));
    long id = create.json().getLong("id");
    assertThat(create.json().getInteger("version")).isEqualTo(1);
    assertThat(create.header("ETag")).isEqualTo("\"1\"");

    Reply patched = user.patchJson("/products/" + id, new JsonObject().put("stock", 9));

    assertThat(patched.json().getInteger("version")).isEqualTo(2);
    assertThat(patched.header("ETag")).isEqualTo("\"2\"");
    assertThat(http.get("/products/" + id).header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void ifNoneMatchWithTheCurrentTagIs304WithoutABody() {
    long id = created();

    for (String tag : List.of("\"1\"", "W/\"1\"", "\"7\", \"1\"", "*")) {
      Reply reply =
          http.send(HttpMethod.GET, "/products/" + id, null, null, header("If-None-Match", tag));
      assertThat(reply.status()).as(tag).isEqualTo(304);
      assertThat(reply.body() == null || reply.body().length() == 0).as(tag).isTrue();
      assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    }
  }

  @Test
  void ifNoneMatchWithAnOlderTagGetsTheProduct() {
    long id = created();
    user.patchJson("/products/" + id, new JsonObject().put("stock", 1));

    Reply reply =
        http.send(HttpMethod.GET, "/products/" + id, null, null, header("If-None-Match", "\"1\""));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getInteger("version")).isEqualTo(2);
  }

  @Test
  void aPatchOnAStaleTagIs412AndWritesNothing() {
    long id = created();
    user.patchJson("/products/" + id, new JsonObject().put("stock", 5));

    Reply stale = patch(user, id, new JsonObject().put("stock", 99), "\"1\"");

    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().getString("type")).isEqualTo("/problems/precondition-failed");
    assertThat(stale.json().getString("detail")).contains("version 2");
    JsonObject current = http.get("/products/" + id).json();
    assertThat(current.getInteger("stock")).isEqualTo(5);
    assertThat(current.getInteger("version")).isEqualTo(2);
  }

  @Test
  void aPatchOnTheCurrentTagApplies() {
    long id = created();

    Reply reply = patch(user, id, new JsonObject().put("stock", 3), "\"1\"");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void aWeakTagNeverAuthorizesAWrite() {
    long id = created();

    assertThat(patch(user, id, new JsonObject().put("stock", 3), "W/\"1\"").status())
        .isEqualTo(412);
  }

  @Test
  void aMalformedIfMatchIsA400Problem() {
    long id = created();

    Reply reply = patch(user, id, new JsonObject().put("stock", 3), "1");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("detail")).contains("If-Match");
  }

  @Test
  void aDeleteOnAStaleTagIs412AndTheProductStays() {
    long id = created();
    user.patchJson("/products/" + id, new JsonObject().put("stock", 5));

    Reply stale =
        user.send(HttpMethod.DELETE, "/products/" + id, null, null, header("If-Match", "\"1\""));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(http.get("/products/" + id).status()).isEqualTo(200);

    Reply current =
        user.send(HttpMethod.DELETE, "/products/" + id, null, null, header("If-Match", "\"2\""));
    assertThat(current.status()).isEqualTo(204);
  }

  @Test
  void someoneElsesProductIs403EvenWithAStaleTag() {
    long id = created();
    HttpClientSupport stranger = Accounts.newUser(http);

    assertThat(patch(stranger, id, new JsonObject().put("stock", 1), "\"9\"").status())
        .isEqualTo(403);
  }

  @Test
  void ofWritersRacingOnTheSameTagExactlyOneWins() throws Exception {
    long id = created();
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Integer>> outcomes = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        int stock = i;
        outcomes.add(
            pool.submit(
                () -> patch(user, id, new JsonObject().put("stock", stock), "\"1\"").status()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> outcome : outcomes) {
        statuses.add(outcome.get());
      }

      assertThat(statuses).containsOnly(200, 412);
      assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
      assertThat(http.get("/products/" + id).json().getInteger("version")).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }
}
