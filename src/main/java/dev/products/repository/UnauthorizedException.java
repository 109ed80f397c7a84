package dev.products.repository;

/** The credentials presented (a refresh token) are not, or no longer, good. No stack trace. */
final class UnauthorizedException extends RuntimeException {

  UnauthorizedException(String message) {
    super(message, null, false, false);
  }
}
