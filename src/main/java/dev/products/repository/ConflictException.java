package dev.products.repository;

/** The write would break a uniqueness rule. No stack trace. */
final class ConflictException extends RuntimeException {

  ConflictException(String message) {
    super(message, null, false, false);
  }
}
