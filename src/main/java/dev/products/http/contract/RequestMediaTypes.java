package dev.products.http.contract;

import dev.products.http.problem.Problem;
import dev.products.http.problem.ProblemHandler;
import dev.products.http.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import io.vertx.openapi.contract.Operation;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Holds a request body's media type to what the contract declares for the operation, as RFC 9110
 * §8.3.1 reads media types: type and subtype case-insensitively, parameters allowed (a JSON body's
 * {@code charset}, if any, must be UTF-8, RFC 8259 §8.1). Anything else is a 415 before the body is
 * read: a near miss such as {@code application/jsonx} or {@code multipart/form-data} is not JSON.
 * The header is then rewritten to the declared form, which is how the validator and the body
 * parsers compare it.
 */
public final class RequestMediaTypes implements SecurityPolicyHandler {

  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "\\s*("
              + TOKEN
              + "/"
              + TOKEN
              + ")\\s*((?:;\\s*"
              + TOKEN
              + "=(?:"
              + TOKEN
              + "|\"(?:[^\"\\\\]|\\\\.)*\")\\s*)*)");
  private static final Pattern CHARSET =
      Pattern.compile(";\\s*charset=(?:\"([^\"]*)\"|(" + TOKEN + "))", Pattern.CASE_INSENSITIVE);

  private final ContractRoutes routes;
  private final Map<String, Set<String>> declared;
  private final ProblemHandler problems;

  /**
   * @param published the contract as published: every media type it declares, also those the
   *     validator cannot read
   */
  public RequestMediaTypes(ContractRoutes routes, JsonObject published, ProblemHandler problems) {
    this.routes = routes;
    this.declared = requestMediaTypes(published);
    this.problems = problems;
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (!hasBody(request)) {
      rc.next();
      return;
    }
    Set<String> accepted = acceptedFor(rc);
    if (accepted == null) {
      // A body no operation takes (a GET with a body, an undeclared method): it is read as opaque
      // bytes and ignored. Its media type must not make the body handler decode it as a form, which
      // vertx-web refuses to do for most methods by throwing.
      request.headers().remove(HttpHeaders.CONTENT_TYPE);
      rc.next();
      return;
    }
    String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
    String type = null;
    String parameters = null;
    if (header != null) {
      Matcher parsed = MEDIA_TYPE.matcher(header);
      if (parsed.matches()) {
        type = parsed.group(1).toLowerCase(Locale.ROOT);
        parameters = parsed.group(2);
      }
    }
    if (type == null || !accepted.contains(type) || !utf8(type, parameters)) {
      problems.send(
          rc,
          Problem.of(
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              "The request body must be sent as "
                  + String.join(" or ", accepted)
                  + (header == null ? "; no Content-Type was given" : ", not " + header)));
      return;
    }
    request.headers().set(HttpHeaders.CONTENT_TYPE, type);
    rc.next();
  }

  /**
   * The media types the matched operation takes, or null when it takes no body (or is not ours).
   */
  private @Nullable Set<String> acceptedFor(RoutingContext rc) {
    Operation operation = routes.operation(rc);
    return operation == null ? null : declared.get(operation.getOperationId());
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
        || (length != null && !length.trim().equals("0"));
  }

  private static boolean utf8(String type, @Nullable String parameters) {
    if (!type.endsWith("json") || parameters == null || parameters.isEmpty()) {
      return true;
    }
    Matcher charset = CHARSET.matcher(parameters);
    while (charset.find()) {
      String value = charset.group(1) != null ? charset.group(1) : charset.group(2);
      if (!value.equalsIgnoreCase("utf-8")) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Set<String>> requestMediaTypes(JsonObject published) {
    Map<String, Set<String>> types = new HashMap<>();
    JsonObject paths = published.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation
            && operation.getValue("requestBody") instanceof JsonObject body
            && body.getValue("content") instanceof JsonObject content) {
          types.put(
              operation.getString("operationId"),
              content.fieldNames().stream()
                  .map(name -> name.toLowerCase(Locale.ROOT))
                  .collect(Collectors.toUnmodifiableSet()));
        }
      }
    }
    return types;
  }
}
