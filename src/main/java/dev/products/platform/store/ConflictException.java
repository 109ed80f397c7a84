package dev.products.platform.store;

/** The write would break a uniqueness rule. No stack trace. */
public final class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message, null, false, false);
  }
}
