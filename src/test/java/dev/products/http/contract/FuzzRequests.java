package dev.products.http.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Generates HTTP requests from the contract: for every operation, its path, query and header
 * parameters and its request body are made from their schemas, valid, at their boundaries, of the
 * wrong type, missing, extra, huge, odd (unicode, NUL, RTL, U+00A0, U+2028, lone surrogates), or
 * not JSON at all; then odd content types, tokens, conditional and idempotency headers, methods,
 * paths and protocol-level breakage are mixed in. Each request is a pure function of (seed, index)
 * and of the rows prepared before the run, so any request can be made again from those two numbers.
 */
final class FuzzRequests {

  /** Who the request claims to be. FRESH is a new login made just before the request is sent. */
  enum Auth {
    NONE,
    GARBAGE,
    NO_SCHEME,
    EMPTY_BEARER,
    BASIC,
    LOWERCASE_SCHEME,
    EXPIRED,
    STRING_EXP,
    ALG_NONE,
    OTHER_KEY,
    UNKNOWN_USER,
    TWO_HEADERS,
    ALICE,
    BOB,
    ADMIN,
    CAROL,
    FRESH
  }

  /** What the run prepared: real rows and tokens, so that ids and tokens hit something. */
  record Pools(
      List<Long> productIds,
      List<Long> deletableProductIds,
      List<Long> jobIds,
      List<Long> categoryIds,
      List<Long> deletableCategoryIds,
      List<Long> userIds,
      List<Long> victimUserIds,
      String aliceEmail,
      String password,
      Map<Auth, String> authorization) {}

  /** One request: the exact bytes, and what it was made of. */
  record Draft(
      int index,
      String operation,
      String method,
      String target,
      boolean head,
      List<String> notes,
      byte[] bytes,
      boolean freshSession,
      BiFunction<String, String, byte[]> renderer) {

    /** The bytes with a fresh session's access and refresh tokens in place of the placeholders. */
    byte[] render(String access, String refresh) {
      return renderer.apply(access, refresh);
    }
  }

  static final String FRESH_ACCESS = "@@FRESH_ACCESS@@";
  static final String FRESH_REFRESH = "@@FRESH_REFRESH@@";

  private record Operation(
      String id,
      String method,
      String template,
      JsonNode node,
      List<JsonNode> parameters,
      JsonNode requestBody,
      boolean secured) {}

  private static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final String[] ODD_METHODS = {
    "PUT", "POST", "PATCH", "DELETE", "GET", "OPTIONS", "TRACE", "ZQ123", "get", "PROPFIND"
  };
  private static final String[] WORDS = {
    "Espresso cup",
    "Teapot",
    "Café crème",
    "漢字のカップ",
    "Ünïcödé mug",
    "שלום עולם",
    "مرحبا",
    "🍵 matcha",
    "x",
    "Saucer, 12 cm",
    "a\"quote",
    "back\\slash",
    "<b>bold</b>",
    "'; DROP TABLE products; --",
    "=SUM(A1:A2)",
    "+1",
    "-1",
    "@here"
  };
  private static final String[] ODD_STRINGS = {
    "",
    " ",
    "\t",
    "\u0000",
    "a\u0000b",
    "\u00A0\u00A0",
    "\u00A0",
    "\u2028",
    "a\u2028b",
    "\u2029",
    "\u202Eevil\u202C",
    "\u202E",
    "\u200F\u200F",
    "\uFEFF",
    "\u200B",
    "\u0007bell",
    "line\nbreak",
    "cr\rlf",
    "\u007F",
    "\u0085",
    "null",
    "true",
    "0",
    "-1",
    "1e309",
    "NaN",
    "../../etc/passwd",
    "%00",
    "%zz",
    "\uD83C\uDF75",
    "e\u0301",
    "\uFFFF",
    "\uFFFD",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "İstanbul",
    "ß",
    "\uD800",
    "\uDFFF",
    "a\uD800b"
  };

  /**
   * Blank to ECMA-262's \\s (which the contract's patterns use) but not to Java's, and a few near
   * misses.
   */
  private static final String[] BLANKS = {
    "\u00A0\u00A0",
    "\u00A0",
    "\u2028",
    "\u2029",
    "\u3000",
    "\uFEFF",
    "\u1680",
    "\u2007",
    "\u202F",
    " \u00A0 ",
    "\u2003\u2003",
    "\u200B",
    "\u0085",
    "\u180E",
    "\t\u00A0"
  };

  private static final String[] ODD_IDS = {
    "0",
    "-1",
    "1",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "-9223372036854775808",
    "abc",
    "1.5",
    "1e3",
    "%zz",
    "%31",
    "%00",
    "%201",
    "%E2%80%AE1",
    "0x10",
    "+1",
    "01",
    "00000000000000000000001",
    "null",
    "true",
    "%2F",
    "1;a=b",
    "1%3Fx",
    "1%2F2",
    "%C3%A9",
    "%",
    "%2",
    "1%20",
    "٣",
    "%D9%A3",
    "1,2",
    "1%00"
  };
  private static final String[] ODD_PATHS = {
    "/products/%zz",
    "/products/-1",
    "/products/99999999999999999999",
    "//products",
    "/products/",
    "/products/1/",
    "/products/./1",
    "/products/../products",
    "/PRODUCTS",
    "/products%2F1",
    "/products/1?",
    "/nope",
    "/users/me/",
    "/exports/abc",
    "/jobs/0",
    "/products/1/..",
    "/%70roducts",
    "/products;x=1",
    "/products/1#frag",
    "/users/me/x",
    "/auth",
    "/auth/",
    "/auth/token/",
    "/healthz",
    "/healthz/live/",
    "/",
    "//",
    "/products//1",
    "/products/%2e%2e/users",
    "/.%2e/products",
    "/products/1/extra",
    "/users/%zz",
    "/jobs/%zz",
    "/exports/%zz"
  };
  private static final String[] ODD_CONDITIONALS = {
    "garbage",
    "\"",
    "\"2\", x",
    "",
    "*",
    "W/\"1\"",
    "\"1\"",
    "\"2\"",
    "W/\"x\", *",
    "\"1\", \"2\"",
    "\"0\"",
    "\"-1\"",
    "\"99999999999999999999\"",
    "W/",
    "\"\"",
    "*, \"1\"",
    "\"a\"",
    "\"1\" ",
    " \"1\"",
    "\"1\",",
    ",",
    "\"é\"",
    "x".repeat(2000),
    "\"" + "9".repeat(1020) + "\"",
    "W/\"1\", W/\"2\""
  };
  private static final String[] ODD_IDEMPOTENCY_KEYS = {
    "",
    " ",
    "a".repeat(255),
    "a".repeat(256),
    "ключ-é",
    "a b",
    "a,b",
    "a\tb",
    "\"quoted\"",
    "../x",
    "k".repeat(5000),
    "%zz",
    "ok:key~1.2_3-4"
  };
  private static final String[] ODD_CONTENT_TYPES = {
    "Application/JSON",
    "application/json; charset=utf-8",
    "application/json;charset=UTF-16",
    "application/jsonx",
    "multipart/form-data; boundary=xyz",
    "text/plain",
    "",
    "application/x-www-form-urlencoded",
    "application/problem+json",
    "*/*",
    "application/json, text/plain",
    "application/json; charset=latin1",
    "APPLICATION/X-WWW-FORM-URLENCODED",
    "text/json",
    "application/vnd.api+json",
    "application/json; boundary=\"",
    "image/png"
  };
  private static final String[] MALFORMED_JSON = {
    "{",
    "{\"name\":",
    "{'name':'x'}",
    "{\"name\":\"x\",}",
    "{\"a\":1}}",
    "[1,2",
    "NaN",
    "{\"price_cents\": NaN}",
    "/* c */ {\"name\":\"x\",\"price_cents\":1}",
    "// c\n{\"name\":\"x\",\"price_cents\":1}",
    "{\"name\":\"x\" \"price_cents\":1}",
    "\"unterminated",
    "tru",
    "nul",
    "{\"name\":\"\u0001\",\"price_cents\":1}",
    "{\"name\":\"x\",\"price_cents\":01}",
    "{\"price_cents\":1e999999}",
    "{\"price_cents\":-}",
    "{\"name\":\"\\x41\"}",
    "{\"name\":\"\\ud800\",\"price_cents\":1}",
    "{,}",
    "{\"a\"}",
    "\uFEFF{\"name\":\"bom\",\"price_cents\":1}",
    "{\"name\":\"x\",\"name\":\"y\",\"price_cents\":1}",
    ""
  };

  private final Map<String, Operation> byKey = new LinkedHashMap<>();
  private final List<Operation> operations = new ArrayList<>();
  private final JsonNode contract;
  private final Pools pools;
  private final int port;
  private final String runId;

  FuzzRequests(JsonNode contract, Pools pools, int port, String runId) {
    this.contract = contract;
    this.pools = pools;
    this.port = port;
    this.runId = runId;
    Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : HTTP_METHODS) {
        JsonNode node = path.getValue().get(method);
        if (node == null) {
          continue;
        }
        List<JsonNode> parameters = new ArrayList<>();
        path.getValue().path("parameters").forEach(p -> parameters.add(deref(p)));
        node.path("parameters").forEach(p -> parameters.add(deref(p)));
        JsonNode security = node.has("security") ? node.get("security") : contract.path("security");
        boolean secured = security.isArray() && security.size() > 0 && security.get(0).size() > 0;
        JsonNode body = node.has("requestBody") ? deref(node.get("requestBody")) : null;
        Operation operation =
            new Operation(
                node.path("operationId").asText(method + " " + path.getKey()),
                method.toUpperCase(Locale.ROOT),
                path.getKey(),
                node,
                parameters,
                body,
                secured);
        operations.add(operation);
        byKey.put(operation.id(), operation);
      }
    }
  }

  List<String> operationIds() {
    return operations.stream().map(Operation::id).toList();
  }

  // ---------------------------------------------------------------------------------------------

  /** What a request gets wrong. Everything else about it is right, so the odd part reaches deep. */
  enum Focus {
    VALID,
    BODY,
    QUERY,
    PATH_ID,
    AUTH,
    HEADERS,
    METHOD,
    CONTENT_TYPE,
    ODD_PATH,
    PROTOCOL,
    CHAOS
  }

  private static final Focus[] FOCUS_WEIGHTS =
      weights(
          Map.ofEntries(
              Map.entry(Focus.VALID, 6),
              Map.entry(Focus.BODY, 30),
              Map.entry(Focus.QUERY, 9),
              Map.entry(Focus.PATH_ID, 9),
              Map.entry(Focus.AUTH, 12),
              Map.entry(Focus.HEADERS, 10),
              Map.entry(Focus.METHOD, 6),
              Map.entry(Focus.CONTENT_TYPE, 6),
              Map.entry(Focus.ODD_PATH, 4),
              Map.entry(Focus.PROTOCOL, 4),
              Map.entry(Focus.CHAOS, 4)));

  private static Focus[] weights(Map<Focus, Integer> weights) {
    List<Focus> out = new ArrayList<>();
    for (Focus focus : Focus.values()) {
      for (int i = 0; i < weights.getOrDefault(focus, 0); i++) {
        out.add(focus);
      }
    }
    return out.toArray(Focus[]::new);
  }

  /** One deliberate edge of one operation, in an otherwise valid request. */
  private record Edge(String operation, String where, String name, String value) {}

  private static final String MISSING = "@@MISSING@@";

  /**
   * The boundary sweep: for every operation, each parameter and body field at its edges (empty, bad
   * percent-escapes, out of range, wrong type, ECMA-blank text, missing), HEAD and an undeclared
   * method, and content types equal to the declared one but spelled differently. These are the
   * first requests of every run, whatever the seed; random requests follow.
   */
  private List<Edge> sweep() {
    List<Edge> edges = new ArrayList<>();
    for (Operation op : operations) {
      for (JsonNode parameter : op.parameters()) {
        String in = parameter.path("in").asText();
        String name = parameter.path("name").asText();
        JsonNode schema = deref(parameter.path("schema"));
        switch (in) {
          case "path" -> {
            for (String value :
                new String[] {"%zz", "0", "-1", "abc", "99999999999999999999", "%31"}) {
              edges.add(new Edge(op.id(), "path", name, value));
            }
          }
          case "query" -> {
            List<String> values =
                new ArrayList<>(List.of("%zz", "", "abc", "1.5", "%00", "REPEATED"));
            if (schema.has("minimum")) {
              values.add(
                  schema.get("minimum").bigIntegerValue().subtract(BigInteger.ONE).toString());
            }
            if (schema.has("maximum")) {
              values.add(schema.get("maximum").bigIntegerValue().add(BigInteger.ONE).toString());
            }
            values.forEach(value -> edges.add(new Edge(op.id(), "query", name, value)));
          }
          case "header" -> {
            for (String value : new String[] {"", "garbage", "\"", "x".repeat(2000)}) {
              edges.add(new Edge(op.id(), "header", name, value));
            }
          }
          default -> {}
        }
      }
      JsonNode requestBody = op.requestBody();
      if (requestBody != null) {
        Map.Entry<String, JsonNode> media = requestBody.path("content").fields().next();
        JsonNode schema = deref(media.getValue().path("schema"));
        schema
            .path("properties")
            .fields()
            .forEachRemaining(
                property -> {
                  JsonNode field = deref(property.getValue());
                  String type =
                      field.path("type").isArray()
                          ? field.path("type").get(0).asText()
                          : field.path("type").asText("string");
                  List<String> values = new ArrayList<>(List.of(MISSING, "null", "[]"));
                  if (type.equals("string")) {
                    values.addAll(
                        List.of(
                            jsonString(""),
                            jsonString("\u00A0\u00A0"),
                            jsonString("\u2028"),
                            jsonString("a\u0000b"),
                            "123",
                            jsonString("x".repeat(field.path("maxLength").asInt(256) + 1))));
                  } else if (type.equals("integer")) {
                    values.addAll(List.of(jsonString("12"), "1.5", "-1", "9223372036854775808"));
                  } else if (type.equals("boolean")) {
                    values.addAll(List.of(jsonString("true"), "1"));
                  }
                  values.forEach(
                      value -> edges.add(new Edge(op.id(), "field", property.getKey(), value)));
                });
        String declared = media.getKey();
        int slash = declared.indexOf('/');
        String upper =
            declared.substring(0, 1).toUpperCase(Locale.ROOT)
                + declared.substring(1, slash + 1)
                + declared.substring(slash + 1).toUpperCase(Locale.ROOT);
        for (String variant :
            new String[] {
              upper,
              declared + "; charset=utf-8",
              declared.toUpperCase(Locale.ROOT),
              declared + " ; charset=UTF-8"
            }) {
          edges.add(new Edge(op.id(), "content-type", "", variant));
        }
      }
      if (op.method().equals("GET")) {
        edges.add(new Edge(op.id(), "method", "", "HEAD"));
      }
      String undeclared = op.method().equals("DELETE") ? "PUT" : "DELETE";
      if (!declares(op.template(), undeclared)) {
        edges.add(new Edge(op.id(), "method", "", undeclared));
      }
    }
    return edges;
  }

  private List<Edge> sweep;

  /** How many requests the boundary sweep makes. */
  int sweepSize() {
    if (sweep == null) {
      sweep = sweep();
    }
    return sweep.size();
  }

  /**
   * Request number {@code index} of the run with this seed: the sweep first, then random requests.
   */
  Draft generate(long seed, int index) {
    Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
    Edge edge = index < sweepSize() ? sweep.get(index) : null;
    Operation op =
        edge != null
            ? byKey.get(edge.operation())
            : operations.get(random.nextInt(operations.size()));
    Focus focus = edge != null ? Focus.VALID : pick(random, FOCUS_WEIGHTS);
    boolean chaos = focus == Focus.CHAOS;
    List<String> notes = new ArrayList<>();
    if (edge != null) {
      notes.add(
          "sweep "
              + edge.where()
              + (edge.name().isEmpty() ? "" : " " + edge.name())
              + " = "
              + (edge.value().equals(MISSING) ? "(missing)" : abbreviate(edge.value())));
    } else if (focus != Focus.VALID && focus != Focus.CHAOS) {
      notes.add("focus " + focus.name().toLowerCase(Locale.ROOT));
    } else if (chaos) {
      notes.add("chaos");
    }
    Builder request = new Builder(op.method(), notes);
    if (edge != null && edge.where().equals("method")) {
      request.method = edge.value();
    }

    // ---- method
    if (focus == Focus.METHOD || (chaos && random.nextInt(100) < 10)) {
      if (op.method().equals("GET") && random.nextInt(100) < 40) {
        request.method = "HEAD";
        notes.add("method HEAD");
      } else {
        String odd = pick(random, ODD_METHODS);
        if (!declares(op.template(), odd)) {
          request.method = odd;
          notes.add("undeclared method " + odd);
        }
      }
    }

    // ---- path
    String path = op.template();
    for (JsonNode parameter : op.parameters()) {
      if (!"path".equals(parameter.path("in").asText())) {
        continue;
      }
      String name = parameter.path("name").asText();
      String value;
      int roll = random.nextInt(100);
      boolean odd = (focus == Focus.PATH_ID && roll < 70) || (chaos && roll < 20);
      if (!odd) {
        value =
            edge != null
                ? String.valueOf(existingId(random, op.template(), op.method()))
                : roll % 10 < 8
                    ? String.valueOf(realId(random, op.template(), op.method()))
                    : scalarText(validValue(random, parameter.path("schema")));
      } else {
        value = pick(random, ODD_IDS);
        if (op.template().startsWith("/users")
            && value.matches("[%+0-9 ]*1[%0-9a-fA-F]*|1.*|\u0663|%D9%A3")) {
          // an odd spelling of a small id could name the admin or the run's own users, and a PATCH
          // would
          // disable or demote them: odd spellings of the victim's id instead
          String victim = String.valueOf(pools.victimUserIds().get(0));
          value =
              pick(
                  random,
                  new String[] {
                    "0" + victim,
                    "+" + victim,
                    victim + "%20",
                    "%20" + victim,
                    encodeAll(victim),
                    victim + ".0",
                    victim + "e0"
                  });
        }
        notes.add("path " + name + "=" + value);
      }
      if (edge != null && edge.where().equals("path") && edge.name().equals(name)) {
        // %31 is "1": on /users that could be the admin, so the victim's id, escaped, instead
        value =
            edge.value().equals("%31") && op.template().startsWith("/users")
                ? encodeAll(String.valueOf(pools.victimUserIds().get(0)))
                : edge.value();
      }
      path = path.replace("{" + name + "}", value);
    }
    if (focus == Focus.ODD_PATH || (chaos && random.nextInt(100) < 10)) {
      path = pick(random, ODD_PATHS);
      notes.add("odd path " + path);
    }

    // ---- query
    boolean oddQuery = focus == Focus.QUERY || chaos;
    List<String> query = new ArrayList<>();
    for (JsonNode parameter : op.parameters()) {
      if (!"query".equals(parameter.path("in").asText()) || random.nextInt(100) >= 70) {
        continue;
      }
      String name = parameter.path("name").asText();
      JsonNode schema = deref(parameter.path("schema"));
      int roll = oddQuery ? random.nextInt(100) : 0;
      if (roll < 45) {
        query.add(name + "=" + encode(scalarText(validValue(random, schema))));
      } else if (roll < 65) {
        String value = scalarText(oddValue(random, schema, notes, "query " + name));
        query.add(name + "=" + encode(value));
      } else if (roll < 73) {
        query.add(name + "=" + encode(scalarText(validValue(random, schema))));
        query.add(name + "=" + encode(scalarText(validValue(random, schema))));
        notes.add("repeated query " + name);
      } else if (roll < 78) {
        query.add(name + "=");
        notes.add("empty query " + name);
      } else if (roll < 82) {
        query.add(name);
        notes.add("query " + name + " without =");
      } else if (roll < 90) {
        String raw =
            pick(
                random,
                new String[] {
                  "%zz",
                  "%",
                  "%2",
                  "%00",
                  "1%00",
                  "%2B5",
                  "+5",
                  "%205",
                  "5%20",
                  "1e1",
                  "0x1",
                  "%E2%80%AE5",
                  "%C0%80",
                  "%FF",
                  "5;6",
                  "5&",
                  "[1]"
                });
        query.add(name + "=" + raw);
        notes.add("raw query " + name + "=" + raw);
      } else {
        query.add(name + "[]=1");
        notes.add("query " + name + "[]");
      }
    }
    if (oddQuery && (query.isEmpty() || random.nextInt(100) < 25)) {
      String extra =
          pick(
              random,
              new String[] {
                "foo=bar",
                "=",
                "&&",
                "a=%zz",
                "utf8=%E2%9C%93",
                "x=" + "y".repeat(300),
                "%zz=1",
                "limit=5",
                "callback=alert(1)",
                "a=%",
                "a=%00",
                "a[b]=c",
                "a=1&a=2"
              });
      query.add(extra);
      notes.add("extra query " + extra);
    }
    if (edge != null && edge.where().equals("query")) {
      query.removeIf(pair -> pair.startsWith(edge.name() + "="));
      if (edge.value().equals("REPEATED")) {
        query.add(edge.name() + "=1");
        query.add(edge.name() + "=2");
      } else {
        query.add(edge.name() + "=" + edge.value());
      }
    }
    String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));

    // ---- authentication
    Auth auth = auth(random, op, focus == Focus.AUTH || chaos);
    if (edge != null && op.secured()) {
      // the sweep goes as deep as it can: the admin may do everything (but queue more exports, or
      // log out)
      auth =
          op.id().equals("logout")
              ? Auth.FRESH
              : op.id().equals("createExport") ? Auth.BOB : Auth.ADMIN;
    }
    if (auth != Auth.NONE) {
      notes.add("auth " + auth);
    }
    request.authorization(auth);

    // ---- declared header parameters
    boolean oddHeaders = focus == Focus.HEADERS || chaos;
    for (JsonNode parameter : op.parameters()) {
      if (!"header".equals(parameter.path("in").asText())
          || random.nextInt(100) >= (oddHeaders ? 85 : 40)
          || edge != null) {
        continue;
      }
      String name = parameter.path("name").asText();
      String value;
      boolean odd = oddHeaders && random.nextInt(100) < 75;
      if (name.equals("Idempotency-Key")) {
        value =
            !odd
                ? UUID.nameUUIDFromBytes(longBytes(random.nextInt(40))).toString()
                : pick(random, ODD_IDEMPOTENCY_KEYS);
      } else if (name.startsWith("If-")) {
        value = !odd ? "\"" + (1 + random.nextInt(4)) + "\"" : pick(random, ODD_CONDITIONALS);
      } else {
        value =
            scalarText(
                !odd
                    ? validValue(random, parameter.path("schema"))
                    : oddValue(random, deref(parameter.path("schema")), notes, "header " + name));
      }
      notes.add(name + ": " + abbreviate(value));
      request.header(name, value);
    }
    if (edge != null && edge.where().equals("header")) {
      request.headers.removeIf(header -> header[0].equals(edge.name()));
      request.header(edge.name(), edge.value());
    }
    if (oddHeaders) {
      int roll = random.nextInt(100);
      if (roll < 30) {
        // conditional headers on operations that do not declare them
        String name = random.nextBoolean() ? "If-Match" : "If-None-Match";
        String value = pick(random, ODD_CONDITIONALS);
        notes.add("undeclared " + name + ": " + abbreviate(value));
        request.header(name, value);
      } else if (roll < 55) {
        String value =
            pick(
                random,
                new String[] {
                  "short",
                  "a".repeat(200),
                  "ünïcode-request-id",
                  "fuzz-" + index + "-abcdef",
                  "",
                  "id with spaces",
                  "x".repeat(128),
                  "x".repeat(129)
                });
        request.header("X-Request-ID", value);
        notes.add("X-Request-ID: " + abbreviate(value));
      } else if (roll < 75) {
        String value =
            pick(
                random,
                new String[] {
                  "text/html",
                  "application/xml",
                  "application/problem+json",
                  "*/*",
                  "",
                  "application/json;q=0"
                });
        request.header("Accept", value);
        notes.add("Accept: " + value);
      } else {
        String[] header =
            pick(
                random,
                new String[][] {
                  {"Origin", "https://evil.example"},
                  {"X-Forwarded-For", "not-an-ip"},
                  {"X-Forwarded-For", "203.0.113.9, 10.0.0.1"},
                  {"Accept-Encoding", "gzip"},
                  {"Range", "bytes=0-1"},
                  {"If-Modified-Since", "yesterday"},
                  {"Cookie", "a=b"},
                  {"Content-Encoding", "gzip"}
                });
        request.header(header[0], header[1]);
        notes.add(header[0] + ": " + header[1]);
      }
    }

    // ---- body
    body(
        random,
        op,
        request,
        notes,
        index,
        focus == Focus.BODY || chaos,
        focus == Focus.CONTENT_TYPE || chaos);
    if (edge != null && edge.where().equals("field")) {
      JsonNode schema =
          deref(op.requestBody().path("content").fields().next().getValue().path("schema"));
      request.body(
          request.contentType == null ? "application/json" : request.contentType,
          utf8(objectJsonWith(random, schema, index, edge.name(), edge.value())));
    } else if (edge != null && edge.where().equals("content-type")) {
      request.contentType = edge.value();
      notes.add("equivalent Content-Type");
      if (!request.hasBody) {
        JsonNode schema =
            deref(op.requestBody().path("content").fields().next().getValue().path("schema"));
        request.body(edge.value(), utf8(objectJson(random, schema, notes, index, false)));
      }
    }

    // ---- protocol-level breakage
    if (focus == Focus.PROTOCOL || (chaos && random.nextInt(100) < 10)) {
      protocol(random, request, notes);
    }
    return request.draft(index, op.id(), target, port);
  }

  private void body(
      Random random,
      Operation op,
      Builder request,
      List<String> notes,
      int index,
      boolean oddBody,
      boolean oddContentType) {
    JsonNode requestBody = op.requestBody();
    int roll = random.nextInt(100);
    if (requestBody == null) {
      if (oddBody && roll < 25) {
        request.body("application/json", utf8("{\"unexpected\":true}"));
        notes.add("body on an operation without one");
      } else if (oddBody && roll < 30) {
        request.body("application/json", new byte[1024 * 1024 + 10]);
        notes.add("1 MiB body on an operation without one");
      } else if (oddContentType && roll < 50) {
        String contentType = pick(random, ODD_CONTENT_TYPES);
        request.body(contentType, utf8("x"));
        notes.add("a body of one byte as " + contentType);
      }
      return;
    }
    Map.Entry<String, JsonNode> media = requestBody.path("content").fields().next();
    String mediaType = media.getKey();
    JsonNode schema = deref(media.getValue().path("schema"));
    boolean form = mediaType.equals("application/x-www-form-urlencoded");
    String contentType = mediaType;
    if (oddContentType) {
      contentType = random.nextInt(12) == 0 ? null : pick(random, ODD_CONTENT_TYPES);
      notes.add("Content-Type " + (contentType == null ? "absent" : "'" + contentType + "'"));
      if (contentType != null
          && contentType.split(";")[0].trim().equalsIgnoreCase(mediaType)
          && !contentType
              .toLowerCase(Locale.ROOT)
              .matches(".*charset=(utf-16|latin1).*|.*boundary.*")) {
        notes.add("equivalent Content-Type");
      }
    }
    if (!oddBody) {
      if (!requestBody.path("required").asBoolean(false) && roll < 30) {
        request.body(contentType, null);
      } else {
        request.body(
            contentType,
            utf8(
                form
                    ? formBody(random, notes, false)
                    : objectJson(random, schema, notes, index, false)));
      }
      return;
    }
    byte[] bytes;
    if (roll < 4 && !requestBody.path("required").asBoolean(false)) {
      notes.add("no body");
      request.body(contentType, null);
      return;
    } else if (roll < 7) {
      notes.add("empty body");
      bytes = new byte[0];
    } else if (roll < 9) {
      notes.add("body over 1 MiB");
      bytes = utf8("{\"name\":\"" + "x".repeat(1024 * 1024) + "\",\"price_cents\":1}");
    } else if (form) {
      bytes = utf8(formBody(random, notes, true));
    } else if (roll < 19) {
      String malformed = pick(random, MALFORMED_JSON);
      notes.add("malformed JSON " + abbreviate(malformed));
      bytes = utf8(malformed);
    } else if (roll < 23) {
      String json = objectJson(random, schema, notes, index, false);
      notes.add("UTF-16 JSON");
      bytes =
          json.getBytes(random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
    } else if (roll < 25) {
      notes.add("invalid UTF-8 in JSON");
      bytes =
          concat(
              utf8("{\"name\":\""),
              new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
              utf8("\",\"price_cents\":1}"));
    } else if (roll < 27) {
      int depth = random.nextBoolean() ? 600 : 20_000;
      notes.add("JSON nested " + depth + " deep");
      bytes = utf8("[".repeat(depth) + "]".repeat(depth));
    } else if (roll < 31) {
      String value =
          pick(
              random,
              new String[] {"[]", "\"text\"", "1", "null", "true", "[{}]", "-0", "1e400", "{}"});
      notes.add("JSON " + value);
      bytes = utf8(value);
    } else {
      bytes = utf8(objectJson(random, schema, notes, index, true));
    }
    request.body(contentType, bytes);
  }

  /**
   * A valid JSON object (or form) for the schema but for one field, set to {@code json} or left
   * out.
   */
  private String objectJsonWith(
      Random random, JsonNode schema, int index, String field, String json) {
    boolean form =
        !schema.has("additionalProperties") && schema.path("properties").has("grant_type");
    Map<String, String> fields = new LinkedHashMap<>();
    if (form) {
      fields.put("grant_type", "password");
      fields.put("username", pools.aliceEmail());
      fields.put("password", pools.password());
    } else {
      List<String> required = new ArrayList<>();
      schema.path("required").forEach(r -> required.add(r.asText()));
      schema
          .path("properties")
          .fields()
          .forEachRemaining(
              property -> {
                if (required.contains(property.getKey())
                    || property.getKey().equals(field)
                    || (schema.path("minProperties").asInt(0) > 0
                        && required.isEmpty()
                        && fields.isEmpty())) {
                  fields.put(
                      property.getKey(),
                      property.getKey().equals("refresh_token")
                          ? jsonString(FRESH_REFRESH)
                          : json(validValue(random, property.getValue(), index)));
                }
              });
    }
    if (json.equals(MISSING)) {
      fields.remove(field);
    } else {
      fields.put(field, json);
    }
    if (form) {
      List<String> pairs = new ArrayList<>();
      fields.forEach(
          (k, v) ->
              pairs.add(
                  k
                      + "="
                      + (v.startsWith("\"") ? encode(v.substring(1, v.length() - 1)) : encode(v))));
      return String.join("&", pairs);
    }
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (key, value) ->
            out.append(out.length() > 1 ? "," : "")
                .append(jsonString(key))
                .append(':')
                .append(value));
    return out.append('}').toString();
  }

  /** A JSON object for the schema: valid, or with one thing wrong ({@code mutate}). */
  private String objectJson(
      Random random, JsonNode schema, List<String> notes, int index, boolean mutate) {
    Map<String, String> fields = new LinkedHashMap<>();
    JsonNode properties = schema.path("properties");
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> property = it.next();
      if (required.contains(property.getKey()) || random.nextInt(100) < 55) {
        boolean refresh = property.getKey().equals("refresh_token") && random.nextInt(100) < 70;
        fields.put(
            property.getKey(),
            refresh
                ? jsonString(FRESH_REFRESH)
                : json(validValue(random, property.getValue(), index)));
      }
    }
    if (fields.isEmpty() && properties.size() > 0 && schema.path("minProperties").asInt(0) > 0) {
      Map.Entry<String, JsonNode> first = properties.fields().next();
      fields.put(first.getKey(), json(validValue(random, first.getValue(), index)));
    }
    if (mutate && properties.size() > 0) {
      // fields with a pattern are where a validator and the contract can disagree: three times the
      // chance
      List<String> names = new ArrayList<>();
      properties
          .fields()
          .forEachRemaining(
              property -> {
                int weight = deref(property.getValue()).has("pattern") ? 3 : 1;
                for (int i = 0; i < weight; i++) {
                  names.add(property.getKey());
                }
              });
      String name = names.get(random.nextInt(names.size()));
      int roll = random.nextInt(100);
      if (roll < 10 && !required.isEmpty()) {
        String missing = required.get(random.nextInt(required.size()));
        fields.remove(missing);
        notes.add("missing " + missing);
      } else if (roll < 18) {
        String extra =
            pick(
                random,
                new String[] {
                  "extra", "id", "owner_id", "version", "role", "__proto__", "", "name "
                });
        fields.put(extra, json(pick(random, new Object[] {1, "x", true, null})));
        notes.add("extra field '" + extra + "'");
      } else if (roll < 25) {
        fields.clear();
        notes.add("empty object");
      } else if (roll < 80) {
        Object odd = oddValue(random, deref(properties.get(name)), notes, "field " + name);
        fields.put(name, json(odd));
      } else {
        notes.add("valid");
      }
    }
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (key, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append(jsonString(key)).append(':').append(value);
        });
    return out.append('}').toString();
  }

  private String formBody(Random random, List<String> notes, boolean odd) {
    List<String> pairs = new ArrayList<>();
    int roll = random.nextInt(100);
    String grant =
        roll < 70
            ? "password"
            : roll < 85 || !odd
                ? "refresh_token"
                : pick(
                    random,
                    new String[] {"client_credentials", "", "PASSWORD", "password\u0000", "%zz"});
    if (random.nextInt(100) < 90) {
      pairs.add("grant_type=" + (grant.equals("%zz") ? grant : encode(grant)));
    }
    if (grant.equals("refresh_token")) {
      String token =
          !odd || random.nextInt(100) < 40
              ? FRESH_REFRESH
              : pick(random, new String[] {"garbage", "", "x".repeat(600), "\u0000", FRESH_ACCESS});
      pairs.add("refresh_token=" + (token.startsWith("@@") ? token : encode(token)));
      notes.add(
          "refresh_token grant"
              + (token.equals(FRESH_REFRESH) ? "" : " with " + abbreviate(token)));
    } else {
      int who = odd ? random.nextInt(100) : random.nextInt(70);
      String username =
          who < 50
              ? pools.aliceEmail()
              : who < 60
                  ? pools.aliceEmail().toUpperCase(Locale.ROOT)
                  : who < 70 ? "nobody-" + runId + "@products.test" : pick(random, ODD_STRINGS);
      String password =
          !odd || random.nextInt(100) < 50 ? pools.password() : pick(random, ODD_STRINGS);
      if (!odd || random.nextInt(100) < 85) {
        pairs.add("username=" + encode(username));
      } else {
        notes.add("no username");
      }
      if (!odd || random.nextInt(100) < 85) {
        pairs.add("password=" + encode(password));
      } else {
        notes.add("no password");
      }
      if (!username.equals(pools.aliceEmail())) {
        notes.add("username " + abbreviate(username));
      }
      if (!password.equals(pools.password())) {
        notes.add("password " + abbreviate(password));
      }
    }
    int oddity = odd ? random.nextInt(100) : 100;
    if (oddity < 15) {
      pairs.add("username=" + encode("second@products.test"));
      notes.add("repeated username");
    } else if (oddity < 30) {
      pairs.add(
          pick(
              random,
              new String[] {
                "%zz=1",
                "password=%zz",
                "=",
                "&",
                "scope=" + "s".repeat(5000),
                "x=%E2%80%AE",
                "grant_type=password&grant_type=refresh_token"
              }));
      notes.add("odd form field " + abbreviate(pairs.get(pairs.size() - 1)));
    } else if (oddity < 40) {
      notes.add("JSON instead of a form");
      return "{\"username\":"
          + jsonString(pools.aliceEmail())
          + ",\"password\":"
          + jsonString(pools.password())
          + "}";
    }
    return String.join("&", pairs);
  }

  private void protocol(Random random, Builder request, List<String> notes) {
    int roll = random.nextInt(12);
    switch (roll) {
      case 0 -> {
        request.header("X-Huge", "h".repeat(9 * 1024));
        notes.add("9 KiB header (431 expected)");
      }
      case 1 -> {
        request.longQuery = 9 * 1024;
        notes.add("9 KiB query (414 expected)");
      }
      case 2 -> {
        request.noHost = true;
        notes.add("no Host header");
      }
      case 3 -> {
        request.version = "HTTP/1.0";
        notes.add("HTTP/1.0");
      }
      case 4 -> {
        request.duplicateContentLength = true;
        notes.add("two different Content-Length headers");
      }
      case 5 -> {
        request.chunked = true;
        notes.add("chunked request body");
      }
      case 6 -> {
        request.rawHeaderLine = "NoColonHere";
        notes.add("header line without a colon");
      }
      case 7 -> {
        request.rawHeaderLine = "X-Folded: a\r\n  folded";
        notes.add("obs-fold header");
      }
      case 8 -> {
        request.header("Expect", "100-continue");
        notes.add("Expect: 100-continue");
      }
      case 9 -> {
        request.absoluteForm = true;
        notes.add("absolute-form target");
      }
      case 10 -> {
        request.rawHeaderLine = "X-Bytes: \u00e9\u00ff";
        notes.add("non-ASCII header value");
      }
      default -> {
        for (int i = 0; i < 120; i++) {
          request.header("X-Many-" + i, "v");
        }
        notes.add("120 extra headers");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Values from schemas

  private Object validValue(Random random, JsonNode schema) {
    return validValue(random, schema, 0);
  }

  private Object validValue(Random random, JsonNode schema, int index) {
    schema = deref(schema);
    if (schema.has("enum")) {
      JsonNode choice = schema.get("enum").get(random.nextInt(schema.get("enum").size()));
      return choice.isNull() ? null : choice.isTextual() ? choice.asText() : choice.numberValue();
    }
    String type = type(random, schema);
    switch (type) {
      case "null" -> {
        return null;
      }
      case "boolean" -> {
        return random.nextBoolean();
      }
      case "integer" -> {
        BigInteger min =
            schema.has("minimum")
                ? schema.get("minimum").bigIntegerValue()
                : "int32".equals(schema.path("format").asText())
                    ? BigInteger.valueOf(Integer.MIN_VALUE)
                    : BigInteger.valueOf(-1000);
        BigInteger max =
            schema.has("maximum")
                ? schema.get("maximum").bigIntegerValue()
                : "int32".equals(schema.path("format").asText())
                    ? BigInteger.valueOf(Integer.MAX_VALUE)
                    : BigInteger.valueOf(1_000_000);
        int roll = random.nextInt(10);
        if (roll == 0) {
          return min;
        } else if (roll == 1) {
          return max;
        }
        BigInteger span = max.subtract(min).min(BigInteger.valueOf(5000));
        return min.add(BigInteger.valueOf(random.nextInt(span.intValue() + 1)));
      }
      case "number" -> {
        return random.nextInt(1000) / 10.0;
      }
      case "string" -> {
        if ("email".equals(schema.path("format").asText())) {
          return "fuzz-" + runId + "-" + index + "-" + random.nextInt(1000) + "@products.test";
        }
        int minLength = schema.path("minLength").asInt(0);
        int maxLength = schema.path("maxLength").asInt(60);
        String text;
        int roll = random.nextInt(10);
        if (roll == 0 && maxLength <= 5000) {
          text = "m".repeat(maxLength);
        } else if (roll == 1) {
          text = "v".repeat(Math.max(1, minLength));
        } else {
          text = pick(random, WORDS);
        }
        while (text.codePointCount(0, text.length()) < minLength) {
          text += "x";
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
          text = text.substring(0, text.offsetByCodePoints(0, maxLength));
        }
        return fitted(schema, text, index, random);
      }
      case "array" -> {
        return List.of(validValue(random, schema.path("items")));
      }
      default -> {
        // object
        return Map.of();
      }
    }
  }

  /** A value the schema refuses or that sits on its edge: wrong type, out of range, odd text. */
  private Object oddValue(Random random, JsonNode schema, List<String> notes, String where) {
    schema = deref(schema);
    String type = type(random, schema);
    Object value;
    int roll = random.nextInt(100);
    if (roll < 15) {
      value =
          pick(
              random,
              new Object[] {
                null,
                true,
                "12",
                1.5,
                List.of(),
                Map.of(),
                0,
                -1,
                "",
                new BigInteger("99999999999999999999")
              });
      notes.add(where + " wrong type " + describe(value));
      return value;
    }
    switch (type) {
      case "integer" -> {
        BigInteger min =
            schema.has("minimum")
                ? schema.get("minimum").bigIntegerValue()
                : BigInteger.valueOf(Integer.MIN_VALUE);
        BigInteger max =
            schema.has("maximum")
                ? schema.get("maximum").bigIntegerValue()
                : BigInteger.valueOf(Integer.MAX_VALUE);
        Object[] choices = {
          min,
          max,
          min.subtract(BigInteger.ONE),
          max.add(BigInteger.ONE),
          BigInteger.ZERO,
          BigInteger.valueOf(-1),
          BigInteger.TWO.pow(31),
          BigInteger.TWO.pow(53),
          BigInteger.TWO.pow(53).add(BigInteger.ONE),
          BigInteger.TWO.pow(63).subtract(BigInteger.ONE),
          BigInteger.TWO.pow(63),
          BigInteger.TWO.pow(64),
          new Raw("1e400"),
          new Raw("-0"),
          new Raw("1.0"),
          new Raw("1e2"),
          new Raw("0.5"),
          new Raw("-1e-400")
        };
        value = pick(random, choices);
      }
      case "string" -> {
        int maxLength = schema.path("maxLength").asInt(256);
        int minLength = schema.path("minLength").asInt(0);
        int pick = random.nextInt(10);
        if (pick == 0) {
          value = "x".repeat(maxLength + 1);
        } else if (pick == 1) {
          value = "y".repeat(Math.max(0, minLength - 1));
        } else if (pick == 2) {
          value = "\uD83C\uDF75".repeat(Math.min(maxLength, 2000));
        } else if (pick == 3) {
          value = "z".repeat(random.nextBoolean() ? 100_000 : 20_000);
        } else if (pick == 4) {
          value = pick(random, WORDS) + pick(random, ODD_STRINGS);
        } else if (pick < (schema.has("pattern") ? 8 : 6)) {
          value = pick(random, BLANKS);
        } else {
          value = pick(random, ODD_STRINGS);
        }
      }
      case "boolean" -> value = pick(random, new Object[] {"true", 1, 0, "false", null});
      default -> value = pick(random, new Object[] {"x", 1, null});
    }
    notes.add(where + " = " + describe(value));
    return value;
  }

  /**
   * {@code text} fitted to what else the schema says: when its pattern refuses the text (a slug
   * refuses the words) the schema's example instead, and for a value the schema calls unique a
   * suffix of the run and request, so that valid creates are not all conflicts with earlier ones.
   */
  private String fitted(JsonNode schema, String text, int index, Random random) {
    if (!schema.has("pattern")) {
      return text;
    }
    Pattern pattern = Pattern.compile(ValidatorContract.endOfInput(schema.get("pattern").asText()));
    String fitted = text;
    if (!pattern.matcher(fitted).find() && schema.path("examples").isArray()) {
      fitted = schema.get("examples").get(0).asText();
    }
    if (schema.path("description").asText().contains("unique")) {
      String unique = fitted + "-" + runId + "-" + index + "-" + random.nextInt(1000);
      if (pattern.matcher(unique).find()
          && unique.length() <= schema.path("maxLength").asInt(Integer.MAX_VALUE)) {
        fitted = unique;
      }
    }
    return fitted;
  }

  private static String type(Random random, JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : "string";
    }
    if (type.isArray()) {
      List<String> types = new ArrayList<>();
      type.forEach(t -> types.add(t.asText()));
      // null is allowed but rarely the interesting case
      if (types.size() > 1 && random.nextInt(5) > 0) {
        types.remove("null");
      }
      return types.get(random.nextInt(types.size()));
    }
    return type.asText();
  }

  /** A row that exists (the pools end with an id that does not). */
  private long existingId(Random random, String template, String method) {
    long id;
    do {
      id = realId(random, template, method);
    } while (id == 987_654_321L);
    return id;
  }

  private long realId(Random random, String template, String method) {
    List<Long> pool;
    if (template.startsWith("/users")) {
      pool = pools.victimUserIds();
    } else if (template.startsWith("/jobs") || template.startsWith("/exports")) {
      pool = pools.jobIds();
    } else if (template.startsWith("/categories")) {
      pool = method.equals("DELETE") ? pools.deletableCategoryIds() : pools.categoryIds();
    } else if (template.startsWith("/products") && method.equals("DELETE")) {
      pool = pools.deletableProductIds();
    } else {
      pool = pools.productIds();
    }
    return pool.get(random.nextInt(pool.size()));
  }

  private Auth auth(Random random, Operation op, boolean odd) {
    Auth auth;
    if (odd) {
      auth = pick(random, Auth.values());
    } else if (op.secured() || random.nextInt(100) < 20) {
      auth =
          pick(
              random,
              new Auth[] {Auth.ALICE, Auth.ALICE, Auth.BOB, Auth.ADMIN, Auth.ADMIN, Auth.CAROL});
    } else {
      auth = Auth.NONE;
    }
    // Logging out revokes the token it is called with: only ever a fresh session's, or the run
    // loses its users.
    if (op.id().equals("logout")
        && EnumSet.of(
                Auth.ALICE,
                Auth.BOB,
                Auth.ADMIN,
                Auth.CAROL,
                Auth.NO_SCHEME,
                Auth.LOWERCASE_SCHEME,
                Auth.TWO_HEADERS)
            .contains(auth)) {
      auth = Auth.FRESH;
    }
    return auth;
  }

  private boolean declares(String template, String method) {
    return operations.stream()
        .anyMatch(
            o ->
                o.template().equals(template)
                    && (o.method().equals(method)
                        || (method.equals("HEAD") && o.method().equals("GET"))));
  }

  private JsonNode deref(JsonNode node) {
    int hops = 0;
    while (node != null && node.has("$ref") && hops++ < 10) {
      node = contract.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding

  /** JSON text written as is (numbers JSON allows but Java has no literal for, and worse). */
  private record Raw(String json) {}

  private static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Raw raw) {
      return raw.json();
    }
    if (value instanceof String text) {
      return jsonString(text);
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach(
          (k, v) ->
              out.append(out.length() > 1 ? "," : "")
                  .append(jsonString(String.valueOf(k)))
                  .append(':')
                  .append(json(v)));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(json(v)));
      return out.append(']').toString();
    }
    return String.valueOf(value);
  }

  /**
   * A JSON string literal: control characters and unpaired surrogates escaped, the rest as UTF-8.
   */
  static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pairedHigh) {
        out.append(c).append(text.charAt(++i));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String scalarText(Object value) {
    if (value instanceof Raw raw) {
      return raw.json();
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return json(value);
    }
    return String.valueOf(value);
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters (UTF-8; lone surrogates become
   * '?').
   */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** Percent-encodes every byte, unreserved or not. */
  private static String encodeAll(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }

  private static String describe(Object value) {
    return abbreviate(value instanceof String text ? jsonString(text) : json(value));
  }

  static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 50) + "…(" + text.length() + " chars)";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] longBytes(long value) {
    return BigInteger.valueOf(value).toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  // ---------------------------------------------------------------------------------------------

  /** Puts the request's bytes together, breaking what it was told to break. */
  private final class Builder {
    String method;
    String version = "HTTP/1.1";
    final List<String[]> headers = new ArrayList<>();
    String contentType;
    byte[] body;
    boolean hasBody;
    boolean noHost;
    boolean duplicateContentLength;
    boolean chunked;
    boolean absoluteForm;
    int longQuery;
    String rawHeaderLine;
    boolean fresh;
    final List<String> notes;

    Builder(String method, List<String> notes) {
      this.method = method;
      this.notes = notes;
    }

    void header(String name, String value) {
      headers.add(new String[] {name, value});
    }

    void body(String contentType, byte[] body) {
      this.contentType = contentType;
      this.body = body;
      this.hasBody = body != null;
    }

    void authorization(Auth auth) {
      if (auth == Auth.NONE) {
        return;
      }
      if (auth == Auth.FRESH) {
        fresh = true;
        header("Authorization", "Bearer " + FRESH_ACCESS);
        return;
      }
      String value = pools.authorization().get(auth);
      if (auth == Auth.TWO_HEADERS) {
        header("Authorization", pools.authorization().get(Auth.ALICE));
        header("Authorization", pools.authorization().get(Auth.BOB));
        return;
      }
      header("Authorization", value);
    }

    Draft draft(int index, String operation, String target, int port) {
      if (longQuery > 0) {
        target = target + (target.contains("?") ? "&" : "?") + "pad=" + "q".repeat(longQuery);
      }
      if (absoluteForm) {
        target = "http://127.0.0.1:" + port + target;
      }
      if (body != null
          && body.length > 0
          && new String(body, StandardCharsets.ISO_8859_1).contains("@@FRESH_")) {
        fresh = true;
      }
      String finalTarget = target;
      return new Draft(
          index,
          operation,
          method,
          target,
          method.equals("HEAD"),
          List.copyOf(notes),
          render(finalTarget, port, FRESH_ACCESS, FRESH_REFRESH),
          fresh,
          (access, refresh) -> render(finalTarget, port, access, refresh));
    }

    private byte[] render(String target, int port, String access, String refresh) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
      if (!noHost) {
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      }
      head.append("Connection: close\r\n");
      head.append("User-Agent: contract-fuzz\r\n");
      for (String[] header : headers) {
        head.append(header[0])
            .append(": ")
            .append(header[1].replace(FRESH_ACCESS, access))
            .append("\r\n");
      }
      if (rawHeaderLine != null) {
        head.append(rawHeaderLine).append("\r\n");
      }
      if (contentType != null && hasBody) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      byte[] payload = body == null ? new byte[0] : body;
      if (payload.length > 0 && payload.length < 100_000) {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        if (text.contains("@@FRESH_")) {
          payload =
              text.replace(FRESH_ACCESS, access)
                  .replace(FRESH_REFRESH, refresh)
                  .getBytes(StandardCharsets.ISO_8859_1);
        }
      }
      if (chunked && hasBody) {
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        int offset = 0;
        while (offset < payload.length) {
          int length = Math.min(4096, payload.length - offset);
          out.writeBytes(
              (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(payload, offset, length);
          out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
          offset += length;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        if (hasBody) {
          head.append("Content-Length: ").append(payload.length).append("\r\n");
          if (duplicateContentLength) {
            head.append("Content-Length: ").append(payload.length + 5).append("\r\n");
          }
        } else if (duplicateContentLength) {
          head.append("Content-Length: 0\r\nContent-Length: 3\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
      }
      return out.toByteArray();
    }
  }
}
