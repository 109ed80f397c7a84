package dev.products.http.edge;

import dev.products.http.problem.Problem;
import dev.products.http.problem.ProblemHandler;
import dev.products.http.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a request target whose path or query has a bad percent-escape ({@code /products/%zz},
 * {@code ?limit=%zz}) before anything tries to decode it. Routing decodes the path for every route
 * it compares, so such a request would fail inside the router, failure routes included, and leave
 * as a bare text 400 (or, decoded by the validator, a 500); here it is one problem.
 *
 * <p>It also holds the request to RFC 9112 §3.2: an HTTP/1.1 request has exactly one {@code Host};
 * a target in absolute form ({@code GET http://other.example/products}) names the same host, so the
 * host checks and the logs see the host the request is really for.
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
      refuse(rc, "The request target is not a well-formed URI: " + malformed.getMessage());
      return;
    }
    String hostProblem = hostProblem(rc.request());
    if (hostProblem != null) {
      refuse(rc, hostProblem);
      return;
    }
    rc.next();
  }

  private void refuse(RoutingContext rc, String detail) {
    problems.send(rc, Problem.of(ProblemType.MALFORMED_REQUEST, detail));
  }

  /** What breaks RFC 9112's rules for {@code Host}, or null. */
  static @Nullable String hostProblem(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_1_1) {
      // HTTP/1.0 may leave Host out; HTTP/2 carries the authority in a pseudo-header.
      return null;
    }
    List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
    if (hosts.size() != 1) {
      return "an HTTP/1.1 request has exactly one Host header; this one has " + hosts.size();
    }
    String target = request.uri();
    String lower = target.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return null;
    }
    String authority;
    try {
      authority = URI.create(target).getRawAuthority();
    } catch (IllegalArgumentException malformed) {
      return "the request target is not a well-formed URI";
    }
    return authority != null && authority.equalsIgnoreCase(hosts.get(0).trim())
        ? null
        : "the request target names another host than the Host header";
  }
}
