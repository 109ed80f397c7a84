package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * POST /products with an Idempotency-Key: a retry gets the first answer and never makes a second
 * row.
 */
class IdempotentCreateTest extends ApiTestBase {

  private static Reply post(HttpClientSupport client, String key, Buffer body) {
    return client.send(
        HttpMethod.POST,
        "/products",
        "application/json",
        body,
        MultiMap.caseInsensitiveMultiMap().add("Idempotency-Key", key));
  }

  private static long rowsNamed(String name) {
    return TestDatabase.count("SELECT count(*) FROM products WHERE name = '" + name + "'");
  }

  @Test
  void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndNoSecondRow() {
    String key = UUID.randomUUID().toString();
    Buffer body = Products.valid("Once only").toBuffer();

    Reply first = post(user, key, body);
    Reply retry = post(user, key, body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(rowsNamed("Once only")).isEqualTo(1);
  }

  @Test
  void theSameContentInAnotherKeyOrderIsTheSameBody() {
    String key = UUID.randomUUID().toString();
    Reply first = post(user, key, Buffer.buffer("{\"name\":\"Ordered\",\"price_cents\":5}"));

    Reply retry = post(user, key, Buffer.buffer("{ \"price_cents\": 5, \"name\": \"Ordered\" }"));

    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().getLong("id")).isEqualTo(first.json().getLong("id"));
  }

  @Test
  void theSameKeyWithAnotherBodyIsA422AndMakesNothing() {
    String key = UUID.randomUUID().toString();
    post(user, key, Products.valid("First body").toBuffer());

    Reply reused = post(user, key, Products.valid("Second body").toBuffer());

    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.json().getString("type")).isEqualTo("/problems/unprocessable");
    assertThat(rowsNamed("Second body")).isZero();
  }

  @Test
  void keysBelongToTheirUser() {
    String key = UUID.randomUUID().toString();
    Buffer body = Products.valid("Per user").toBuffer();
    HttpClientSupport other = Accounts.newUser(http);

    long mine = post(user, key, body).json().getLong("id");
    long theirs = post(other, key, body).json().getLong("id");

    assertThat(theirs).isNotEqualTo(mine);
  }

  @Test
  void aMalformedKeyIsA400() {
    assertThat(post(user, "not a valid key!", Products.valid("Bad key").toBuffer()).status())
        .isEqualTo(400);
  }

  @Test
  void concurrentRetriesOfOneKeyMakeOneRow() throws Exception {
    String key = UUID.randomUUID().toString();
    Buffer body = Products.valid("Raced create").toBuffer();
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        replies.add(pool.submit(() -> post(user, key, body)));
      }
      List<Long> ids = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        assertThat(reply.get().status()).isEqualTo(201);
        ids.add(reply.get().json().getLong("id"));
      }

      assertThat(ids).containsOnly(ids.get(0));
      assertThat(rowsNamed("Raced create")).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExpiredKeyCountsAsUnused() {
    String key = UUID.randomUUID().toString();
    Buffer body = Products.valid("Expiring").toBuffer();
    long first = post(user, key, body).json().getLong("id");
    TestDatabase.execute(
        "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = '"
            + key
            + "'");

    long second = post(user, key, body).json().getLong("id");

    assertThat(second).isNotEqualTo(first);
    assertThat(rowsNamed("Expiring")).isEqualTo(2);
  }
}
