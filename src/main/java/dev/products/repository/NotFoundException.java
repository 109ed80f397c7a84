package dev.products.repository;

/** The row a request named does not exist. Control flow only: no stack trace is captured. */
final class NotFoundException extends RuntimeException {

  NotFoundException(String message) {
    super(message, null, false, false);
  }
}
