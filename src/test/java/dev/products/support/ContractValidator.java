package dev.products.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Checks an HTTP answer of the service against {@code openapi.yaml}, the contract.
 *
 * <p>A (method, raw path) is matched to an operation by the contract's path templates (concrete
 * paths before templated ones; HEAD is answered as GET, without a body). The answer must then:
 *
 * <ul>
 *   <li>have a status declared on that operation (or a {@code default}/{@code 4XX} range response);
 *   <li>when it has a body, carry a {@code Content-Type} declared for that status (type/subtype
 *       compared case-insensitively, parameters ignored), and a body that validates against that
 *       media type's schema: JSON with a JSON Schema 2020-12 validator (networknt, OpenAPI 3.1
 *       dialect, ECMA-262 regular expressions through Joni, format assertions on, {@code
 *       int32}/{@code int64} ranges), text as a JSON string;
 *   <li>carry every response header declared {@code required: true}, and every declared header it
 *       carries must match its schema;
 *   <li>carry {@code X-Request-ID}; every 4xx/5xx is an {@code application/problem+json} document
 *       valid against {@code Problem}, whose {@code request_id} is that header and whose {@code
 *       status} is the status (unless the operation declares that status with another body, as
 *       readiness does for 503).
 * </ul>
 *
 * A request that matches no path of the contract must get a 404 problem; one that matches a path
 * but none of its methods a 405 problem with {@code Allow} naming the path's methods (and HEAD
 * where GET exists). Either may instead get a problem from the edge, which runs before routing (400
 * bad request or Host, 413 body too large, 429 rate limit). 414 and 431 are answered by the HTTP
 * codec before any operation is known, so they are accepted on any request, as complete problems. A
 * CORS preflight (OPTIONS with Origin and Access-Control-Request-Method) is CORS protocol, not an
 * operation: a 2xx without a body, or a 4xx problem, is accepted. A raw path that only matches once
 * normalised ({@code //products}, {@code /products/}, dot segments) may get either a 404 problem or
 * the normalised operation's answer. Routes outside the contract ({@code /docs}, {@code
 * /openapi.yaml}, {@code /asyncapi.yaml}, {@code /ws/products}, {@code /eventbus}) are not checked.
 *
 * <p>There is deliberately no way to switch this off: every test answer goes through it.
 */
public final class ContractValidator {

  /**
   * The retrieval IRI the contract is registered under, so that {@code $ref}s resolve against it.
   */
  static final String CONTRACT_URI = "https://contract.products.test/openapi.json";

  private static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Set<Integer> EDGE_STATUSES = Set.of(400, 413, 429);
  private static final Set<Integer> CODEC_STATUSES = Set.of(414, 431);
  private static final Set<String> BODY_RULES =
      Set.of(
          "body-missing",
          "content-type-missing",
          "content-type-undeclared",
          "body-schema",
          "body-not-json",
          "body-not-utf8",
          "body-undeclared");
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private static volatile ContractValidator instance;

  private final JsonNode contract;
  private final SchemaRegistry registry;
  private final List<PathItem> paths = new ArrayList<>();
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<JsonNode, String> pointers =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * One exchange as a client saw it. Header maps are case-insensitive; body may be empty, never
   * null.
   */
  public record Exchange(
      String method,
      String target,
      MultiMap requestHeaders,
      int status,
      MultiMap responseHeaders,
      byte[] body) {

    public Exchange {
      requestHeaders = requestHeaders == null ? MultiMap.caseInsensitiveMultiMap() : requestHeaders;
      responseHeaders =
          responseHeaders == null ? MultiMap.caseInsensitiveMultiMap() : responseHeaders;
      body = body == null ? new byte[0] : body;
    }

    public String path() {
      int end = target.length();
      int query = target.indexOf('?');
      if (query >= 0) {
        end = query;
      }
      int fragment = target.indexOf('#');
      if (fragment >= 0 && fragment < end) {
        end = fragment;
      }
      String path = target.substring(0, end);
      // An absolute-form target (http://host/path) names its path after the authority.
      if (path.startsWith("http://") || path.startsWith("https://")) {
        int slash = path.indexOf('/', path.indexOf("//") + 2);
        path = slash < 0 ? "/" : path.substring(slash);
      }
      return path;
    }
  }

  /** A broken rule: a short stable name, for grouping, and what exactly broke it. */
  public record Violation(String rule, String detail) {
    @Override
    public String toString() {
      return "[" + rule + "] " + detail;
    }
  }

  /** What the validator made of an exchange: which operation it was held to, and what it broke. */
  public record Verdict(String operation, List<Violation> violations) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  private record PathItem(
      String template, String[] segments, Map<String, JsonNode> operations, boolean concrete) {}

  /**
   * The contract of this checkout ({@code openapi.yaml} at the project root, else on the class
   * path).
   */
  public static ContractValidator instance() {
    ContractValidator loaded = instance;
    if (loaded == null) {
      synchronized (ContractValidator.class) {
        loaded = instance;
        if (loaded == null) {
          loaded = fromYaml(readContract());
          instance = loaded;
        }
      }
    }
    return loaded;
  }

  private static String readContract() {
    try {
      Path file = Path.of("openapi.yaml");
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      try (InputStream in =
          ContractValidator.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
        if (in == null) {
          throw new IllegalStateException(
              "openapi.yaml is neither in the working directory nor on the class path");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A validator for a contract given as YAML text (the unit test uses variants of the real one).
   */
  public static ContractValidator fromYaml(String yaml) {
    try {
      return new ContractValidator(YAMLMapper.builder().build().readTree(yaml));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the contract is not YAML: " + e.getOriginalMessage(), e);
    }
  }

  private ContractValidator(JsonNode contract) {
    this.contract = contract;
    Dialect dialect =
        Dialect.builder(Dialects.getOpenApi31())
            // OpenAPI's own words around the schemas (paths, example, ...) are annotations, not
            // noise in the log
            .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
            .format(
                new IntegerRangeFormat(
                    "int32",
                    BigInteger.valueOf(Integer.MIN_VALUE),
                    BigInteger.valueOf(Integer.MAX_VALUE)))
            .format(
                new IntegerRangeFormat(
                    "int64",
                    BigInteger.valueOf(Long.MIN_VALUE),
                    BigInteger.valueOf(Long.MAX_VALUE)))
            .build();
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
            .formatAssertionsEnabled(true)
            .build();
    String text;
    try {
      text = JSON.writeValueAsString(contract);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    this.registry =
        SchemaRegistry.withDefaultDialect(
            dialect,
            builder -> builder.schemaRegistryConfig(config).schemas(Map.of(CONTRACT_URI, text)));
    JsonNode declared = contract.path("paths");
    for (Map.Entry<String, JsonNode> entry : declared.properties()) {
      Map<String, JsonNode> operations = new LinkedHashMap<>();
      for (String method : HTTP_METHODS) {
        JsonNode operation = entry.getValue().get(method);
        if (operation != null) {
          operations.put(method.toUpperCase(Locale.ROOT), operation);
        }
      }
      String template = entry.getKey();
      paths.add(
          new PathItem(template, template.split("/", -1), operations, !template.contains("{")));
    }
    // Concrete paths are matched before templated ones (OpenAPI 3.1, "Paths Object").
    paths.sort((a, b) -> Boolean.compare(b.concrete(), a.concrete()));
  }

  // ---------------------------------------------------------------------------------------------
  // Entry points

  /** Throws an {@link AssertionError} naming every broken rule. */
  public void check(Exchange exchange) {
    Verdict verdict = evaluate(exchange);
    if (!verdict.ok()) {
      throw new AssertionError(describe(exchange, verdict));
    }
  }

  /** Convenience for Vert.x answers. */
  public static void assertConforms(
      String method,
      String target,
      MultiMap requestHeaders,
      int status,
      MultiMap responseHeaders,
      Buffer body) {
    instance()
        .check(
            new Exchange(
                method,
                target,
                requestHeaders,
                status,
                responseHeaders,
                body == null ? new byte[0] : body.getBytes()));
  }

  /** Convenience for {@code java.net.http} answers (tests that talk to a separate process). */
  public static void assertConforms(java.net.http.HttpResponse<String> response) {
    java.net.http.HttpRequest request = response.request();
    MultiMap sent = MultiMap.caseInsensitiveMultiMap();
    request.headers().map().forEach(sent::add);
    MultiMap received = MultiMap.caseInsensitiveMultiMap();
    response.headers().map().forEach(received::add);
    String target =
        request.uri().getRawPath()
            + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
    String body = response.body();
    instance()
        .check(
            new Exchange(
                request.method(),
                target,
                sent,
                response.statusCode(),
                received,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
  }

  public static String describe(Exchange exchange, Verdict verdict) {
    StringBuilder text =
        new StringBuilder("Contract violation: ")
            .append(exchange.method())
            .append(' ')
            .append(abbreviate(exchange.target(), 300))
            .append(" -> ")
            .append(exchange.status())
            .append(" (held to ")
            .append(verdict.operation())
            .append(")");
    for (Violation violation : verdict.violations()) {
      text.append("\n  ").append(violation);
    }
    text.append("\n  Content-Type: ").append(exchange.responseHeaders().get("Content-Type"));
    text.append("\n  body: ")
        .append(abbreviate(new String(exchange.body(), StandardCharsets.UTF_8), 2000));
    return text.toString();
  }

  /** Whether the path is one of the service's routes outside the contract. */
  public static boolean outsideContract(String path) {
    return path.equals("/docs")
        || path.startsWith("/docs/")
        || path.equals("/openapi.yaml")
        || path.equals("/asyncapi.yaml")
        || path.equals("/ws/products")
        || path.equals("/eventbus")
        || path.startsWith("/eventbus/");
  }

  /** Every broken rule of this exchange; an empty list when it conforms. */
  public Verdict evaluate(Exchange exchange) {
    String path = exchange.path();
    if (outsideContract(path)) {
      return new Verdict("(outside the contract)", List.of());
    }
    List<Violation> found = new ArrayList<>();
    exchange = decoded(exchange, found);
    // Methods are case-sensitive (RFC 9110, 9.1): "get" is not GET.
    String method = exchange.method();
    int status = exchange.status();

    String requestId = exchange.responseHeaders().get("X-Request-ID");
    if (requestId == null || requestId.isBlank()) {
      found.add(new Violation("request-id-missing", "the response carries no X-Request-ID"));
    }
    if (status < 100 || status > 599) {
      found.add(new Violation("status-invalid", "status " + status + " is not an HTTP status"));
    }
    if (CODEC_STATUSES.contains(status)) {
      checkProblem(exchange, requestId, found);
      return new Verdict("(before routing)", found);
    }
    if (isPreflight(exchange) && status >= 200 && status < 500) {
      // CORS protocol, not an operation: answered (2xx, no body) or refused (a 4xx problem)
      if (status < 300 && exchange.body().length > 0) {
        found.add(new Violation("preflight-body", "a CORS preflight answer has a body"));
      } else if (status >= 400) {
        checkProblem(exchange, requestId, found);
      } else if (status >= 300) {
        found.add(new Violation("preflight-status", "a CORS preflight answered " + status));
      }
      return new Verdict("(CORS preflight)", found);
    }

    List<PathItem> matched = match(path);
    boolean aliased = false;
    if (matched.isEmpty()) {
      String normalized = normalize(path);
      if (!normalized.equals(path)) {
        matched = match(normalized);
        aliased = !matched.isEmpty();
      }
    }
    if (matched.isEmpty()) {
      if (status >= 400) {
        checkProblem(exchange, requestId, found);
      }
      if (status != 404 && !EDGE_STATUSES.contains(status)) {
        found.add(
            new Violation(
                "no-path",
                "no path of the contract matches "
                    + path
                    + "; expected a 404 problem, got "
                    + status));
      }
      return new Verdict("(no path)", found);
    }

    String lookup = method.equals("HEAD") ? "GET" : method;
    PathItem item = null;
    JsonNode operation = null;
    for (PathItem candidate : matched) {
      JsonNode op = candidate.operations().get(method);
      if (op == null) {
        op = candidate.operations().get(lookup);
      }
      if (op != null) {
        item = candidate;
        operation = op;
        break;
      }
    }
    if (operation == null) {
      if (status >= 400) {
        checkProblem(exchange, requestId, found);
      }
      PathItem first = matched.get(0);
      String where = "(undeclared method on " + first.template() + ")";
      if (status == 405) {
        checkAllow(exchange, first, found);
      } else if (aliased && status == 404) {
        // the raw path is not the normalised one's resource: 404 is a fair answer
      } else if (!EDGE_STATUSES.contains(status)) {
        found.add(
            new Violation(
                "method-not-declared",
                first.template()
                    + " declares "
                    + allowed(first)
                    + ", not "
                    + method
                    + "; expected a 405 problem with Allow, got "
                    + status));
      }
      return new Verdict(where, found);
    }

    String name = operation.path("operationId").asText(lookup + " " + item.template());
    if (status >= 400 && !answersWithDeclaredNonProblemBody(operation, exchange)) {
      checkProblem(exchange, requestId, found);
    }
    List<Violation> operationViolations = new ArrayList<>();
    checkOperation(exchange, method.equals("HEAD"), operation, operationViolations);
    if (found.stream().anyMatch(v -> v.rule().startsWith("problem-"))) {
      // The failure is not a proper problem: that is the finding; its body rules would only repeat
      // it.
      operationViolations.removeIf(v -> BODY_RULES.contains(v.rule()));
    }
    if (aliased
        && status == 404
        && operationViolations.stream().allMatch(v -> v.rule().equals("status-undeclared"))) {
      operationViolations.clear();
    }
    found.addAll(operationViolations);
    return new Verdict(name, found);
  }

  /** The exchange with its body as the representation (Content-Encoding gzip/deflate undone). */
  private static Exchange decoded(Exchange exchange, List<Violation> found) {
    String encoding = exchange.responseHeaders().get("Content-Encoding");
    if (encoding == null
        || encoding.isBlank()
        || encoding.trim().equalsIgnoreCase("identity")
        || exchange.body().length == 0) {
      return exchange;
    }
    try {
      byte[] body;
      switch (encoding.trim().toLowerCase(Locale.ROOT)) {
        case "gzip", "x-gzip" -> {
          try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(exchange.body()))) {
            body = in.readAllBytes();
          }
        }
        case "deflate" -> {
          try (InputStream in =
              new InflaterInputStream(new ByteArrayInputStream(exchange.body()))) {
            body = in.readAllBytes();
          }
        }
        default -> {
          found.add(
              new Violation(
                  "content-encoding", "Content-Encoding " + encoding + " cannot be read"));
          return exchange;
        }
      }
      return new Exchange(
          exchange.method(),
          exchange.target(),
          exchange.requestHeaders(),
          exchange.status(),
          exchange.responseHeaders(),
          body);
    } catch (IOException e) {
      found.add(
          new Violation(
              "content-encoding", "the body is not valid " + encoding + ": " + e.getMessage()));
      return exchange;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rules

  private void checkOperation(
      Exchange exchange, boolean head, JsonNode operation, List<Violation> found) {
    int status = exchange.status();
    JsonNode responses = operation.path("responses");
    JsonNode response = responses.get(String.valueOf(status));
    if (response == null) {
      response = responses.get((status / 100) + "XX");
    }
    if (response == null) {
      response = responses.get("default");
    }
    if (response == null) {
      List<String> declared = new ArrayList<>();
      responses.fieldNames().forEachRemaining(declared::add);
      found.add(
          new Violation(
              "status-undeclared", "status " + status + " is not declared; declared: " + declared));
      return;
    }
    response = deref(response);

    // Headers: required ones present, every declared one that is present matches its schema.
    JsonNode headers = response.path("headers");
    for (Map.Entry<String, JsonNode> entry : headers.properties()) {
      String headerName = entry.getKey();
      if (headerName.equalsIgnoreCase("Content-Type")) {
        continue; // OpenAPI: a Content-Type header definition is ignored
      }
      JsonNode header = deref(entry.getValue());
      List<String> values = exchange.responseHeaders().getAll(headerName);
      if (values.isEmpty()) {
        if (header.path("required").asBoolean(false)) {
          found.add(
              new Violation(
                  "header-missing", "required response header " + headerName + " is missing"));
        }
        continue;
      }
      JsonNode schema = header.get("schema");
      if (schema != null) {
        String pointer = pointerOf(header) + "/schema";
        for (String value : values) {
          JsonNode instance = headerValue(schema, value);
          List<Error> errors = schema(pointer).validate(instance);
          if (!errors.isEmpty()) {
            found.add(
                new Violation(
                    "header-schema",
                    headerName + ": " + abbreviate(value, 200) + ": " + messages(errors)));
          }
        }
      }
    }

    JsonNode content = response.get("content");
    boolean declaresContent = content != null && !content.isEmpty();
    byte[] body = exchange.body();
    String contentType = exchange.responseHeaders().get("Content-Type");
    if (body.length == 0) {
      if (declaresContent && !head && status != 204 && status != 304) {
        found.add(
            new Violation(
                "body-missing",
                "status "
                    + status
                    + " declares content "
                    + names(content)
                    + " but the body is empty"));
      }
      return;
    }
    if (head) {
      found.add(new Violation("head-body", "a HEAD answer has a body"));
      return;
    }
    if (!declaresContent) {
      found.add(
          new Violation(
              "body-undeclared",
              "status "
                  + status
                  + " declares no content, but a body of "
                  + body.length
                  + " bytes came ("
                  + contentType
                  + ")"));
      return;
    }
    if (contentType == null) {
      found.add(
          new Violation(
              "content-type-missing",
              "a body came without Content-Type; declared: " + names(content)));
      return;
    }
    String mediaType = mediaType(contentType);
    String declaredKey = null;
    for (String key : names(content)) {
      String declared = key.toLowerCase(Locale.ROOT);
      if (declared.equals(mediaType)
          || declared.equals("*/*")
          || (declared.endsWith("/*")
              && mediaType.startsWith(declared.substring(0, declared.length() - 1)))) {
        declaredKey = key;
        break;
      }
    }
    if (declaredKey == null) {
      found.add(
          new Violation(
              "content-type-undeclared",
              "Content-Type "
                  + contentType
                  + " is not declared for "
                  + status
                  + "; declared: "
                  + names(content)));
      return;
    }
    JsonNode media = content.get(declaredKey);
    JsonNode schema = media.get("schema");
    if (schema == null) {
      return;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      found.add(new Violation("body-not-utf8", "the body is not UTF-8"));
      return;
    }
    JsonNode instance;
    if (isJson(mediaType)) {
      try {
        instance = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        found.add(
            new Violation(
                "body-not-json",
                "the " + mediaType + " body is not JSON: " + e.getOriginalMessage()));
        return;
      }
    } else {
      instance = JsonNodeFactory.instance.textNode(text);
    }
    String pointer = pointerOf(media) + "/schema";
    List<Error> errors = schema(pointer).validate(instance);
    if (!errors.isEmpty()) {
      found.add(new Violation("body-schema", messages(errors)));
    }
  }

  /**
   * Whether the answer is a body other than a problem that the operation declares for this failure
   * status (readiness answers 503 with its checks, and declares a problem for the same status when
   * it is not answered in time): then the declared content rules apply, not the problem rule.
   */
  private boolean answersWithDeclaredNonProblemBody(JsonNode operation, Exchange exchange) {
    JsonNode response = operation.path("responses").get(String.valueOf(exchange.status()));
    String contentType = exchange.responseHeaders().get("Content-Type");
    if (response == null || contentType == null) {
      return false;
    }
    String type = mediaType(contentType);
    JsonNode content = deref(response).path("content");
    return !type.equals("application/problem+json") && content.has(type);
  }

  private void checkProblem(Exchange exchange, String requestId, List<Violation> found) {
    String contentType = exchange.responseHeaders().get("Content-Type");
    if (exchange.method().equals("HEAD") && exchange.body().length == 0) {
      if (contentType != null && !mediaType(contentType).equals("application/problem+json")) {
        found.add(
            new Violation(
                "problem-content-type",
                "a "
                    + exchange.status()
                    + " answer to HEAD announces "
                    + contentType
                    + ", not application/problem+json"));
      }
      return;
    }
    if (contentType == null || !mediaType(contentType).equals("application/problem+json")) {
      found.add(
          new Violation(
              "problem-content-type",
              "a "
                  + exchange.status()
                  + " answer must be application/problem+json, is "
                  + contentType
                  + (exchange.body().length == 0 ? " with an empty body" : "")));
      return;
    }
    JsonNode problem;
    try {
      problem = JSON.readTree(new String(exchange.body(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      found.add(
          new Violation(
              "problem-not-json", "the problem body is not JSON: " + e.getOriginalMessage()));
      return;
    }
    List<Error> errors = schema("/components/schemas/Problem").validate(problem);
    if (!errors.isEmpty()) {
      found.add(new Violation("problem-schema", messages(errors)));
    }
    JsonNode id = problem.get("request_id");
    if (id != null && id.isTextual() && requestId != null && !id.asText().equals(requestId)) {
      found.add(
          new Violation(
              "problem-request-id",
              "request_id " + id.asText() + " is not the X-Request-ID " + requestId));
    }
    JsonNode status = problem.get("status");
    if (status != null && status.isIntegralNumber() && status.asInt() != exchange.status()) {
      found.add(
          new Violation(
              "problem-status",
              "the problem says status " + status + ", the answer is " + exchange.status()));
    }
  }

  private void checkAllow(Exchange exchange, PathItem item, List<Violation> found) {
    String allow = String.join(",", exchange.responseHeaders().getAll("Allow"));
    if (allow.isBlank()) {
      found.add(new Violation("allow-missing", "a 405 must carry Allow: " + allowed(item)));
      return;
    }
    Set<String> listed = new LinkedHashSet<>();
    for (String part : allow.split(",")) {
      if (!part.isBlank()) {
        listed.add(part.trim());
      }
    }
    Set<String> expected = allowed(item);
    Set<String> missing = new LinkedHashSet<>(expected);
    missing.removeAll(listed);
    Set<String> extra = new LinkedHashSet<>(listed);
    extra.removeAll(expected);
    extra.remove("OPTIONS");
    if (!missing.isEmpty() || !extra.isEmpty()) {
      found.add(new Violation("allow-wrong", "Allow: " + allow + "; expected " + expected));
    }
  }

  private static Set<String> allowed(PathItem item) {
    Set<String> methods = new LinkedHashSet<>(item.operations().keySet());
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    return methods;
  }

  private static boolean isPreflight(Exchange exchange) {
    return exchange.method().equals("OPTIONS")
        && exchange.requestHeaders().get("Origin") != null
        && exchange.requestHeaders().get("Access-Control-Request-Method") != null;
  }

  // ---------------------------------------------------------------------------------------------
  // Paths

  private List<PathItem> match(String path) {
    String[] segments = path.split("/", -1);
    List<PathItem> matched = new ArrayList<>();
    for (PathItem item : paths) {
      if (item.segments().length != segments.length) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < segments.length && all; i++) {
        String template = item.segments()[i];
        if (template.startsWith("{") && template.endsWith("}")) {
          all = !segments[i].isEmpty();
        } else {
          all = template.equals(segments[i]) || template.equals(decode(segments[i]));
        }
      }
      if (all) {
        matched.add(item);
      }
    }
    return matched;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException bad) {
      return segment;
    }
  }

  /**
   * RFC 3986 normalisation (percent-encoded unreserved characters decoded, dot segments removed),
   * and then what a lenient router also forgives: runs of slashes collapsed, a trailing slash
   * dropped.
   */
  static String normalize(String path) {
    StringBuilder decoded = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        try {
          char unescaped = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
          if ((Character.isLetterOrDigit(unescaped) && unescaped < 128)
              || "-._~".indexOf(unescaped) >= 0) {
            decoded.append(unescaped);
            i += 2;
            continue;
          }
        } catch (NumberFormatException notHex) {
          // left as it is
        }
      }
      decoded.append(c);
    }
    Deque<String> out = new ArrayDeque<>();
    for (String segment : decoded.toString().split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        out.pollLast();
      } else {
        out.addLast(segment);
      }
    }
    return "/" + String.join("/", out);
  }

  // ---------------------------------------------------------------------------------------------
  // Schemas

  /** Follows a {@code $ref} chain to the node it names (response, header, parameter objects). */
  private JsonNode deref(JsonNode node) {
    int hops = 0;
    while (node != null && node.has("$ref") && hops++ < 10) {
      node = at(node.get("$ref").asText());
    }
    return node;
  }

  private JsonNode at(String ref) {
    if (!ref.startsWith("#")) {
      throw new IllegalStateException(
          "only local $refs are supported in the contract, found " + ref);
    }
    JsonNode target = contract.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("the contract's $ref " + ref + " names nothing");
    }
    return target;
  }

  /** The JSON pointer of a node inside the contract (found by identity), for schema locations. */
  private String pointerOf(JsonNode node) {
    return pointers.computeIfAbsent(
        node,
        n -> {
          String pointer = find(contract, n, "");
          if (pointer == null) {
            throw new IllegalStateException("node not in the contract");
          }
          return pointer;
        });
  }

  // Identity, not equality: the node itself is wanted, and equal copies live elsewhere too.
  @SuppressWarnings("ReferenceEquality")
  private static String find(JsonNode at, JsonNode wanted, String pointer) {
    if (at == wanted) {
      return pointer;
    }
    if (at.isObject()) {
      for (Map.Entry<String, JsonNode> entry : at.properties()) {
        String found =
            find(
                entry.getValue(),
                wanted,
                pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1"));
        if (found != null) {
          return found;
        }
      }
    } else if (at.isArray()) {
      Iterator<JsonNode> items = at.iterator();
      for (int i = 0; items.hasNext(); i++) {
        String found = find(items.next(), wanted, pointer + "/" + i);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The compiled schema at a pointer of the contract. Loaded through the registry by its location
   * in the whole document, so {@code $ref}s resolve against the contract as a whole.
   */
  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer,
        p -> {
          Schema schema = registry.getSchema(SchemaLocation.of(CONTRACT_URI + "#" + fragment(p)));
          schema.initializeValidators();
          return schema;
        });
  }

  /** A JSON pointer written as a URI fragment (RFC 6901, section 6). */
  private static String fragment(String pointer) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pointer.length(); i++) {
      char c = pointer.charAt(i);
      if ((Character.isLetterOrDigit(c) && c < 128) || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
      }
    }
    return out.toString();
  }

  /**
   * A header value as the instance its schema describes (simple style: integers, booleans,
   * strings).
   */
  private static JsonNode headerValue(JsonNode schema, String value) {
    JsonNode type = schema.get("type");
    String kind = type == null ? "string" : type.isArray() ? type.get(0).asText() : type.asText();
    try {
      switch (kind) {
        case "integer" -> {
          if (value.trim().matches("-?\\d+")) {
            return JsonNodeFactory.instance.numberNode(new BigInteger(value.trim()));
          }
        }
        case "number" -> {
          return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value.trim()));
        }
        case "boolean" -> {
          if (value.equals("true") || value.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
          }
        }
        default -> {}
      }
    } catch (NumberFormatException notANumber) {
      // falls through: validated as the string it is, which the schema then refuses
    }
    return JsonNodeFactory.instance.textNode(value);
  }

  static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  private static List<String> names(JsonNode content) {
    List<String> names = new ArrayList<>();
    content.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String messages(List<Error> errors) {
    List<String> lines = new ArrayList<>();
    for (Error error : errors) {
      lines.add(abbreviate(error.toString(), 400));
      if (lines.size() == 5) {
        lines.add("… and " + (errors.size() - 5) + " more");
        break;
      }
    }
    return String.join("; ", lines);
  }

  static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
  }

  /**
   * OpenAPI's {@code int32}/{@code int64}: the integer must fit. Other types are left to {@code
   * type}.
   */
  private static final class IntegerRangeFormat implements Format {
    private final String name;
    private final BigInteger min;
    private final BigInteger max;

    IntegerRangeFormat(String name, BigInteger min, BigInteger max) {
      this.name = name;
      this.min = min;
      this.max = max;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean matches(
        ExecutionContext executionContext, SchemaContext schemaContext, JsonNode value) {
      if (!value.isNumber()) {
        return true;
      }
      BigInteger integer;
      if (value.isIntegralNumber()) {
        integer = value.bigIntegerValue();
      } else {
        java.math.BigDecimal decimal = value.decimalValue();
        if (decimal.stripTrailingZeros().scale() > 0) {
          return true; // not an integer: the type keyword says so
        }
        integer = decimal.toBigIntegerExact();
      }
      return integer.compareTo(min) >= 0 && integer.compareTo(max) <= 0;
    }
  }
}
