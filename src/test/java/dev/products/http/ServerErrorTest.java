package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A real unexpected failure: the schema drifts under the running service (a column renamed behind
 * its back), so its SQL fails. The client gets a 500 problem without SQL or stack trace.
 */
class ServerErrorTest extends ApiTestBase {

  @Test
  void unexpectedDatabaseErrorIsA500ProblemThatLeaksNothing() {
    TestDatabase.execute("ALTER TABLE products RENAME COLUMN stock TO stock_renamed");
    Reply reply;
    try {
      reply = user.postJson("/products", Products.valid("Cup"));
    } finally {
      TestDatabase.execute("ALTER TABLE products RENAME COLUMN stock_renamed TO stock");
    }

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("/problems/internal");
    assertThat(reply.json().getString("request_id")).isEqualTo(reply.header("X-Request-ID"));
    String body = reply.text();
    assertThat(body)
        .doesNotContainIgnoringCase("stock")
        .doesNotContainIgnoringCase("insert")
        .doesNotContainIgnoringCase("column")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
