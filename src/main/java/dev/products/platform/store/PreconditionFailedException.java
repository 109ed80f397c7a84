package dev.products.platform.store;

/**
 * A conditional write whose expected version is no longer the product's: nothing was written.
 * Control flow only.
 */
public final class PreconditionFailedException extends RuntimeException {

  public PreconditionFailedException(String message) {
    super(message, null, false, false);
  }
}
