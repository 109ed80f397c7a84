package dev.products.http.contract;

import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.Set;
import java.util.TreeSet;

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

  /** The contract path the request matched, or a fixed label for everything outside the contract. */
  public String template(String path) {
    Path matched = path == null ? null : contract.findPath(path);
    if (matched != null) {
      return matched.getName();
    }
    return path != null && (path.startsWith(DOCS) || path.equals("/openapi.yaml") || path.equals("/asyncapi.yaml"))
        ? DOCS
        : UNMATCHED;
  }

  /**
   * The methods a path answers, as an {@code Allow} value: the contract's operations, plus HEAD
   * wherever GET is (HEAD is served as GET without the body). Paths outside the contract that the
   * service serves (the docs) answer GET and HEAD; unknown paths none.
   */
  public String allow(String path) {
    Set<String> methods = new TreeSet<>();
    Path matched = path == null ? null : contract.findPath(path);
    if (matched != null) {
      for (Operation operation : matched.getOperations()) {
        methods.add(operation.getHttpMethod().name());
      }
    } else if (DOCS.equals(template(path))) {
      methods.add(HttpMethod.GET.name());
    }
    if (methods.contains(HttpMethod.GET.name())) {
      methods.add(HttpMethod.HEAD.name());
    }
    return String.join(", ", methods);
  }
}
