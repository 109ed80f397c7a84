package dev.products.platform.bus;

/**
 * A consumer's expected refusal, answered with its {@link BusFailure} code (the HTTP status the
 * edge will use) and a detail meant for the client.
 */
public final class BusFailureException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final BusFailure failure;

  public BusFailureException(BusFailure failure, String detail) {
    super(detail, null, false, false);
    this.failure = failure;
  }

  public BusFailure failure() {
    return failure;
  }
}
