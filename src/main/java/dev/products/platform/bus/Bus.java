package dev.products.platform.bus;

import dev.products.platform.config.BusConfig;
import dev.products.platform.logging.LogContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.tracing.TracingPolicy;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this service sends and answers requests on the event bus: typed by an {@link
 * Address}, local to this node, each address's wait bounded by its timeout from the config ({@code
 * BUS_TIMEOUT}, {@code BUS_TIMEOUTS}), and carrying the request and user ids so the consumer's log
 * lines are the request's.
 */
public final class Bus {

  private static final Logger LOG = LoggerFactory.getLogger(Bus.class);

  private final EventBus eventBus;
  private final BusConfig config;

  public Bus(Vertx vertx, BusConfig config) {
    this.eventBus = vertx.eventBus();
    this.config = config;
  }

  /** Sends {@code request} to the address's local consumer and waits, bounded, for its reply. */
  public <Q, R> Future<R> request(Address<Q, R> address, Q request) {
    return request(address, request, config.timeoutOf(address.name()));
  }

  /**
   * As {@link #request(Address, Object)}, for a caller with a deadline of its own (a readiness
   * probe) instead of the address's.
   */
  public <Q, R> Future<R> request(Address<Q, R> address, Q request, long timeoutMs) {
    DeliveryOptions options = options().setSendTimeout(timeoutMs);
    String requestId = LogContext.get(LogContext.REQUEST_ID);
    if (requestId != null) {
      options.addHeader(BusHeaders.REQUEST_ID, requestId);
    }
    String userId = LogContext.get(LogContext.USER_ID);
    if (userId != null) {
      options.addHeader(BusHeaders.USER_ID, userId);
    }
    return eventBus.<R>request(address.name(), request, options).map(Message::body);
  }

  /**
   * Answers the address on this node with what {@code action} gives; a failed action is replied as
   * {@link #replyFailure}.
   */
  public <Q, R> MessageConsumer<Q> answer(Address<Q, R> address, Function<Q, Future<R>> action) {
    return answer(address, action, Bus::replyFailure);
  }

  /**
   * Answers the address on this node with what {@code action} gives, and replies a failed action
   * with {@code failures}.
   */
  public <Q, R> MessageConsumer<Q> answer(
      Address<Q, R> address,
      Function<Q, Future<R>> action,
      BiConsumer<Message<Q>, Throwable> failures) {
    Handler<Message<Q>> handler =
        message -> {
          // Each message is handled on its own duplicated context: the ids logged from here on are
          // this request's.
          LogContext.put(LogContext.REQUEST_ID, message.headers().get(BusHeaders.REQUEST_ID));
          LogContext.put(LogContext.USER_ID, message.headers().get(BusHeaders.USER_ID));
          LogContext.putTrace();
          Future<R> result;
          try {
            result = action.apply(message.body());
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          result
              .onSuccess(reply -> message.reply(reply, options()))
              .onFailure(failure -> failures.accept(message, failure));
        };
    return eventBus.localConsumer(address.name(), handler);
  }

  /**
   * The reply for a failure no consumer expects to handle itself: a {@link BusFailureException}
   * keeps its code; a failure another consumer replied passes through (a product the cache asked
   * for and the store did not find is still not found); a bus that timed out or had nobody to ask
   * is unavailable; anything else is a bug, logged with its stack.
   */
  public static void replyFailure(Message<?> message, Throwable failure) {
    if (failure instanceof BusFailureException refused) {
      refused.failure().replyTo(message, refused.getMessage());
    } else if (failure instanceof ReplyException reply) {
      BusFailure.of(reply).replyTo(message, reply.getMessage());
    } else {
      LOG.error(
          "{} failed for request {}",
          message.address(),
          message.headers().get(BusHeaders.REQUEST_ID),
          failure);
      BusFailure.INTERNAL.replyTo(message, "internal error");
    }
  }

  private static DeliveryOptions options() {
    // PROPAGATE: with tracing on, a hop of a traced request is a client span here and a server
    // span at the consumer (the context travels in the headers); nothing for untraced work.
    return new DeliveryOptions()
        .setCodecName(LocalCodec.NAME)
        .setLocalOnly(true)
        .setTracingPolicy(TracingPolicy.PROPAGATE);
  }
}
