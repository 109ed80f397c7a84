package dev.products.http.edge;

import dev.products.http.problem.Problem;
import dev.products.http.problem.ProblemHandler;
import dev.products.http.problem.ProblemType;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Refuses a request target whose path or query has a bad percent-escape ({@code /products/%zz},
 * {@code ?limit=%zz}) before anything tries to decode it. Routing decodes the path for every route
 * it compares, so such a request would fail inside the router, failure routes included, and leave
 * as a bare text 400 (or, decoded by the validator, a 500); here it is one problem.
 */
public final class WellFormedTarget implements PlatformHandler {

  private final ProblemHandler problems;

  public WellFormedTarget(ProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public void handle(RoutingContext rc) {
    try {
      rc.normalizedPath();
      // The request's own decoding (cached), the one the contract validator reads the query with.
      rc.request().params();
    } catch (IllegalArgumentException malformed) {
      problems.send(
          rc,
          Problem.of(
              ProblemType.MALFORMED_REQUEST,
              "The request target is not a well-formed URI: " + malformed.getMessage()));
      return;
    }
    rc.next();
  }
}
