package dev.products.repository;

/** The actor may not do this to that row. Control flow only: no stack trace is captured. */
final class ForbiddenException extends RuntimeException {

  ForbiddenException(String message) {
    super(message, null, false, false);
  }
}
