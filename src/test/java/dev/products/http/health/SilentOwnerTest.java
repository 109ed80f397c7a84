package dev.products.http.health;

import static dev.products.support.Readiness.check;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.LogCapture;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dependency's owner that takes a readiness probe and never answers (a stalled verticle, a node
 * dying under it): readiness says DOWN naming the check, once, and never answers 500.
 */
class SilentOwnerTest {

  private Vertx vertx;
  private TestApp app;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx);
  }

  @AfterEach
  void stop() {
    app.close();
    vertx.close().await();
  }

  @Test
  void aProbeNobodyAnswersIsDownWithAReasonAndNeverA500() {
    // Beside the real owner: requests go round-robin, so some probes reach this one.
    MessageConsumer<Object> silent =
        vertx.eventBus().localConsumer(HealthBus.DATABASE.name(), message -> {});
    silent.completion().await();
    List<Reply> replies = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 4; i++) {
        replies.add(app.http().get("/health"));
      }

      assertThat(replies)
          .extracting(Reply::status)
          .allMatch(status -> status == 200 || status == 503);
      assertThat(replies).extracting(Reply::status).contains(503);
      Reply down =
          replies.stream().filter(reply -> reply.status() == 503).findFirst().orElseThrow();
      assertThat(check(down, "database").getString("status")).isEqualTo("DOWN");
      assertThat(check(down, "database").getJsonObject("data").getString("reason")).isNotBlank();
      assertThat(logs.lines()).noneMatch(line -> line.contains("already completed"));
    } finally {
      silent.unregister().await();
    }
  }
}
