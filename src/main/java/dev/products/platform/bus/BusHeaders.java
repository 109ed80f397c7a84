package dev.products.platform.bus;

/**
 * Message headers every request on the bus may carry, so context survives the hop between
 * verticles.
 */
public final class BusHeaders {

  /** The HTTP request id, so the repository's log lines name the request they serve. */
  public static final String REQUEST_ID = "request-id";

  /** The signed-in user the request acts for, when there is one. */
  public static final String USER_ID = "user-id";

  private BusHeaders() {}
}
