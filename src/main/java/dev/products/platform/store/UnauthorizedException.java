package dev.products.platform.store;

/** The credentials presented (a refresh token) are not, or no longer, good. No stack trace. */
public final class UnauthorizedException extends RuntimeException {

  public UnauthorizedException(String message) {
    super(message, null, false, false);
  }
}
