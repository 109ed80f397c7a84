package dev.products.platform.store;

/** The row a request named does not exist. Control flow only: no stack trace is captured. */
public final class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message, null, false, false);
  }
}
