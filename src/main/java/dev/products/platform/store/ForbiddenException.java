package dev.products.platform.store;

/** The actor may not do this to that row. Control flow only: no stack trace is captured. */
public final class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message, null, false, false);
  }
}
