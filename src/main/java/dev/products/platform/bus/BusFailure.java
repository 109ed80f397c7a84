package dev.products.platform.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.jspecify.annotations.Nullable;

/**
 * Failure codes carried by {@link ReplyException#failureCode()} across the event bus. The code is
 * the HTTP status the edge answers with, so the mapping is the identity and cannot drift.
 */
public enum BusFailure {
  INVALID(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  PRECONDITION_FAILED(412),
  UNPROCESSABLE(422),
  TOO_MANY_REQUESTS(429),
  UNAVAILABLE(503),
  INTERNAL(500);

  private final int code;

  BusFailure(int code) {
    this.code = code;
  }

  public void replyTo(Message<?> message, @Nullable String detail) {
    message.fail(code, detail);
  }

  /**
   * The failure a reply exception stands for; transport failures (no handler, timeout) are
   * UNAVAILABLE.
   */
  public static BusFailure of(ReplyException e) {
    if (e.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return UNAVAILABLE;
    }
    for (BusFailure failure : values()) {
      if (failure.code == e.failureCode()) {
        return failure;
      }
    }
    return INTERNAL;
  }
}
