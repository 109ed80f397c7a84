package dev.products.repository;

/** An Idempotency-Key already used with a different request body. Control flow only. */
final class IdempotencyConflictException extends RuntimeException {

  IdempotencyConflictException(String message) {
    super(message, null, false, false);
  }
}
