package dev.products.http.contract;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the contract says about a raw request path: its template (a low-cardinality name for logs
 * and error reports) and the methods it answers, for a 405's {@code Allow} header.
 */
public final class ContractRoutes {

  /** The label of every path outside the contract and the docs. */
  public static final String UNMATCHED = "unmatched";

  private static final String DOCS = "/docs";

  private final OpenAPIContract contract;

  public ContractRoutes(OpenAPIContract contract) {
    this.contract = contract;
  }

  /**
   * The contract path the request matched, or a fixed label for everything outside the contract.
   */
  public String template(RoutingContext rc) {
    String path = routed(rc);
    Path matched = find(path);
    return matched != null ? matched.getName() : outside(path);
  }

  private static String outside(@Nullable String path) {
    return path != null
            && (path.startsWith(DOCS)
                || path.equals("/openapi.yaml")
                || path.equals("/asyncapi.yaml"))
        ? DOCS
        : UNMATCHED;
  }

  /**
   * The methods a path answers, as an {@code Allow} value: the contract's operations, plus HEAD
   * wherever GET is (HEAD is served as GET without the body). Paths outside the contract that the
   * service serves (the docs) answer GET and HEAD; unknown paths none.
   */
  public String allow(RoutingContext rc) {
    String path = routed(rc);
    Set<String> methods = new TreeSet<>();
    Path matched = find(path);
    if (matched != null) {
      for (Operation operation : matched.getOperations()) {
        methods.add(operation.getHttpMethod().name());
      }
    } else if (DOCS.equals(outside(path))) {
      methods.add(HttpMethod.GET.name());
    }
    if (methods.contains(HttpMethod.GET.name())) {
      methods.add(HttpMethod.HEAD.name());
    }
    return String.join(", ", methods);
  }

  private @Nullable Path find(@Nullable String path) {
    return path == null ? null : contract.findPath(path);
  }

  /**
   * The operation a request is routed to, or null when none (an unknown path, an undeclared
   * method).
   */
  public @Nullable Operation operation(RoutingContext rc) {
    String path = routed(rc);
    return path == null ? null : contract.findOperation(path, rc.request().method());
  }

  /**
   * The path as the router matches it: normalized (escaped unreserved characters decoded, dot
   * segments removed: {@code /%70roducts} is {@code /products}), repeated slashes as one and no
   * trailing slash, as vertx-web routes {@code //products/} to {@code /products}. A path that does
   * not normalize (a bad escape) is taken as sent.
   */
  private static @Nullable String routed(RoutingContext rc) {
    String path;
    try {
      path = rc.normalizedPath();
    } catch (IllegalArgumentException malformed) {
      path = rc.request().path();
    }
    if (path == null) {
      return null;
    }
    String routed = path.indexOf("//") >= 0 ? path.replaceAll("/{2,}", "/") : path;
    return routed.length() > 1 && routed.endsWith("/")
        ? routed.substring(0, routed.length() - 1)
        : routed;
  }
}
