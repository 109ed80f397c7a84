package dev.products.platform.store;

/** An Idempotency-Key already used with a different request body. Control flow only. */
public final class IdempotencyConflictException extends RuntimeException {

  public IdempotencyConflictException(String message) {
    super(message, null, false, false);
  }
}
