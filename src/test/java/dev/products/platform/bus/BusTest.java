package dev.products.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.platform.config.BusConfig;
import dev.products.platform.logging.LogContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.ContextInternal;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BusTest {

  record Greeting(String name, List<String> titles) {}

  record Answer(String text) {}

  private static final Address<Greeting, Answer> GREET = Address.of("test.greet");
  private static final Address<Greeting, Answer> SILENT = Address.of("test.silent");

  private Bus bus;

  @BeforeEach
  void setUp(Vertx vertx) {
    LocalCodec.register(vertx);
    bus =
        new Bus(
            vertx,
            new BusConfig(Duration.ofSeconds(10), Map.of("test.silent", Duration.ofMillis(200))));
  }

  @Test
  void aRequestRecordReachesTheConsumerAsTheSameObjectAndTheReplyComesBackTyped() {
    AtomicReference<Greeting> received = new AtomicReference<>();
    bus.answer(
            GREET,
            greeting -> {
              received.set(greeting);
              return Future.succeededFuture(new Answer("hello " + greeting.name()));
            })
        .completion()
        .await();
    Greeting sent = new Greeting("Ada", List.of("Countess"));

    Answer answer = bus.request(GREET, sent).await();

    assertThat(answer).isEqualTo(new Answer("hello Ada"));
    assertThat(received.get()).isSameAs(sent);
  }

  @Test
  void aRefusalKeepsItsCode() {
    bus.answer(
            GREET,
            greeting -> Future.failedFuture(new BusFailureException(BusFailure.CONFLICT, "taken")))
        .completion()
        .await();

    assertThatThrownBy(() -> bus.request(GREET, new Greeting("Ada", List.of())).await())
        .isInstanceOfSatisfying(
            ReplyException.class,
            e -> {
              assertThat(BusFailure.of(e)).isEqualTo(BusFailure.CONFLICT);
              assertThat(e.getMessage()).isEqualTo("taken");
            });
  }

  @Test
  void anUnexpectedFailureIsInternalAndSaysNothingOfItsCause() {
    bus.answer(GREET, greeting -> Future.failedFuture(new IllegalStateException("secret detail")))
        .completion()
        .await();

    assertThatThrownBy(() -> bus.request(GREET, new Greeting("Ada", List.of())).await())
        .isInstanceOfSatisfying(
            ReplyException.class,
            e -> {
              assertThat(BusFailure.of(e)).isEqualTo(BusFailure.INTERNAL);
              assertThat(e.getMessage()).doesNotContain("secret");
            });
  }

  @Test
  void anAddressWaitsAsLongAsTheConfigSaysForIt() {
    bus.answer(SILENT, greeting -> Promise.<Answer>promise().future()).completion().await();

    Future<Answer> unanswered = bus.request(SILENT, new Greeting("Ada", List.of()));

    assertThat(unanswered.toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(
            ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
  }

  @Test
  void theRequestAndUserIdsOfTheSenderAreTheConsumersToo(Vertx vertx) {
    AtomicReference<String> seen = new AtomicReference<>();
    bus.answer(
            GREET,
            greeting -> {
              seen.set(
                  LogContext.get(LogContext.REQUEST_ID) + "/" + LogContext.get(LogContext.USER_ID));
              return Future.succeededFuture(new Answer("ok"));
            })
        .completion()
        .await();

    Promise<Answer> answered = Promise.promise();
    // As an HTTP request is: on a duplicated context of its own, where the log fields live.
    ((ContextInternal) vertx.getOrCreateContext())
        .duplicate()
        .runOnContext(
            v -> {
              LogContext.put(LogContext.REQUEST_ID, "req-1");
              LogContext.put(LogContext.USER_ID, "7");
              bus.request(GREET, new Greeting("Ada", List.of())).onComplete(answered);
            });
    answered.future().await();

    assertThat(seen.get()).isEqualTo("req-1/7");
  }

  @Test
  void aLocalMessageCannotBeWrittenToTheWire() {
    LocalCodec codec = new LocalCodec();

    assertThatThrownBy(() -> codec.encodeToWire(Buffer.buffer(), new Answer("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot leave this node");
  }

  @Test
  void anAddressNobodyAnswersFailsAtOnce() {
    assertThatThrownBy(
            () ->
                bus.request(
                        Address.<Greeting, Answer>of("test.nobody"), new Greeting("Ada", List.of()))
                    .await())
        .isInstanceOfSatisfying(
            ReplyException.class,
            e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
  }
}
