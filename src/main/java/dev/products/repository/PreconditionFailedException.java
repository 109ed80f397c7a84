package dev.products.repository;

/**
 * A conditional write whose expected version is no longer the product's: nothing was written.
 * Control flow only.
 */
final class PreconditionFailedException extends RuntimeException {

  PreconditionFailedException(String message) {
    super(message, null, false, false);
  }
}
