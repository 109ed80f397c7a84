package dev.products.http.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.products.http.contract.FuzzRequests.Auth;
import dev.products.http.contract.FuzzRequests.Draft;
import dev.products.support.Accounts;
import dev.products.support.ContractValidator;
import dev.products.support.ContractValidator.Exchange;
import dev.products.support.ContractValidator.Verdict;
import dev.products.support.ContractValidator.Violation;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.RawHttp;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A property-based fuzzer of every operation of {@code openapi.yaml}, against the real service
 * (real PostgreSQL, Redis and HTTP), with requests generated from the contract by {@link
 * FuzzRequests} and sent byte for byte by {@link RawHttp}.
 *
 * <p>Properties, for every request: an answer comes within {@code fuzz.timeout} (10 s); no 5xx; the
 * answer is valid against the contract ({@link ContractValidator}: declared status, content type,
 * body, headers; every 4xx a problem carrying the request id).
 *
 * <p>Deterministic: request {@code i} is a function of {@code fuzz.seed} and {@code i} (and of the
 * rows prepared first). Bounded: {@code fuzz.requests} requests (default 2,500), {@code
 * fuzz.threads} at a time (default 4, so a request that never answers does not stall the others).
 * All findings of a run are collected, grouped by (operation, rule, status), and reported together
 * at the end with the seed and the exact bytes of example requests. To run longer by hand:
 *
 * <pre>
 * mvn test -Dtest=ContractFuzzTest -Djacoco.skip=true -Dfuzz.requests=50000 -Dfuzz.seed=12345
 * mvn test -Dtest=ContractFuzzTest -Djacoco.skip=true -Dfuzz.seed=12345 -Dfuzz.only=17,480   # replay requests
 * </pre>
 */
@ExtendWith(VertxExtension.class)
class ContractFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20_261_124L);
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2_500);
  private static final int THREADS = Integer.getInteger("fuzz.threads", 4);
  private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("fuzz.timeout", 10));
  private static final String ONLY = System.getProperty("fuzz.only", "");

  /** With -Dfuzz.trace=true every exchange is listed in target/contract-fuzz-trace.txt. */
  private static final boolean TRACE = Boolean.getBoolean("fuzz.trace");

  private static final int EXAMPLES_PER_FINDING = 3;
  private static final java.util.Set<String> STATUS_RULES =
      java.util.Set.of("status-undeclared", "method-not-declared", "no-path");

  /**
   * One kind of failure: every request that broke the same rule of the same operation with the same
   * status.
   */
  private static final class Finding {
    final String key;
    final AtomicInteger count = new AtomicInteger();
    final List<String> examples = new ArrayList<>();
    final List<String> exampleNotes = new ArrayList<>();

    Finding(String key) {
      this.key = key;
    }

    synchronized void add(Draft draft, String example) {
      count.incrementAndGet();
      String notes = String.join("; ", draft.notes());
      if (examples.size() < EXAMPLES_PER_FINDING && !exampleNotes.contains(notes)) {
        exampleNotes.add(notes);
        examples.add(example);
      }
    }
  }

  private final Map<String, Finding> findings = new ConcurrentSkipListMap<>();
  private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> millisByOperation = new ConcurrentHashMap<>();
  private final Map<Integer, String> trace = new ConcurrentSkipListMap<>();
  private final Map<String, AtomicInteger> requestsByOperation = new ConcurrentHashMap<>();

  @Test
  void everyOperationAnswersEveryRequestWithinTheContract(Vertx vertx) throws Exception {
    try (TestApp app = TestApp.start(vertx)) {
      HttpClientSupport http = app.http();
      String runId = UUID.randomUUID().toString().substring(0, 8);

      // ---- what the requests aim at: real users, products, jobs, and every kind of token
      Session alice = session(http);
      Session bob = session(http);
      Session carol = session(http);
      Session dave = session(http);
      String admin =
          Accounts.login(http, TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD)
              .getString("access_token");

      // Products that are read and changed, and others that are there to be deleted.
      List<Long> productIds = new ArrayList<>();
      List<Long> deletableIds = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String token = i < 4 ? alice.access : i < 7 ? bob.access : admin;
        productIds.add(create(http, token, "Fuzz target " + runId + " " + i));
      }
      for (int i = 0; i < 24; i++) {
        String token = i < 12 ? alice.access : i < 20 ? bob.access : admin;
        deletableIds.add(create(http, token, "Fuzz victim " + runId + " " + i));
      }
      productIds.add(987_654_321L); // no such product
      deletableIds.add(987_654_321L);
      List<Long> jobIds = new ArrayList<>();
      // (not the admin's: the admin account outlives a run, and its queued exports reach the
      // pending limit)
      for (String token : List.of(alice.access, alice.access, bob.access)) {
        Reply queued = http.as(token).postJson("/exports", new JsonObject());
        assertThat(queued.status()).as(queued.text()).isEqualTo(202);
        jobIds.add(queued.json().getLong("id"));
      }
      jobIds.add(987_654_321L); // no such job

      // Categories that are read and changed, others to delete; a product holds some of those, so
      // their delete is the 409 of a category in use.
      List<Long> categoryIds = new ArrayList<>();
      List<Long> deletableCategoryIds = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        categoryIds.add(category(http, admin, "Fuzz category " + runId + " " + i));
      }
      for (int i = 0; i < 12; i++) {
        long id = category(http, admin, "Fuzz doomed category " + runId + " " + i);
        deletableCategoryIds.add(id);
        if (i % 3 == 0) {
          TestDatabase.execute(
              "INSERT INTO products (name, price_cents, category_id) VALUES ('Fuzz', 1, "
                  + id
                  + ")");
        }
      }
      categoryIds.add(987_654_321L); // no such category
      deletableCategoryIds.add(987_654_321L);

      Map<Auth, String> authorization = new EnumMap<>(Auth.class);
      long now = System.currentTimeMillis() / 1000;
      JsonObject aliceClaims =
          new JsonObject().put("sub", String.valueOf(alice.userId)).put("role", "user");
      authorization.put(Auth.ALICE, "Bearer " + alice.access);
      authorization.put(Auth.BOB, "Bearer " + bob.access);
      authorization.put(Auth.CAROL, "Bearer " + carol.access);
      authorization.put(Auth.ADMIN, "Bearer " + admin);
      authorization.put(Auth.GARBAGE, "Bearer garbage");
      authorization.put(Auth.NO_SCHEME, alice.access);
      authorization.put(Auth.EMPTY_BEARER, "Bearer ");
      authorization.put(
          Auth.BASIC,
          "Basic "
              + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8)));
      authorization.put(Auth.LOWERCASE_SCHEME, "bearer " + alice.access);
      authorization.put(
          Auth.EXPIRED,
          "Bearer "
              + sign(
                  TestApp.JWT_SECRET,
                  aliceClaims
                      .copy()
                      .put("jti", UUID.randomUUID().toString())
                      .put("iat", now - 3600)
                      .put("exp", now - 1800),
                  false));
      authorization.put(
          Auth.STRING_EXP,
          "Bearer "
              + sign(
                  TestApp.JWT_SECRET,
                  aliceClaims
                      .copy()
                      .put("jti", UUID.randomUUID().toString())
                      .put("iat", now)
                      .put("exp", "tomorrow"),
                  false));
      authorization.put(
          Auth.OTHER_KEY,
          "Bearer "
              + sign(
                  "another-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
                  aliceClaims.copy().put("jti", UUID.randomUUID().toString()),
                  true));
      authorization.put(
          Auth.UNKNOWN_USER,
          "Bearer "
              + sign(
                  TestApp.JWT_SECRET,
                  new JsonObject()
                      .put("sub", "987654321")
                      .put("role", "admin")
                      .put("jti", UUID.randomUUID().toString()),
                  true));
      authorization.put(
          Auth.ALG_NONE,
          "Bearer "
              + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}")
              + "."
              + b64(
                  aliceClaims
                      .copy()
                      .put("role", "admin")
                      .put("iss", "products-api")
                      .put("aud", "products-api")
                      .put("exp", now + 600)
                      .put("jti", UUID.randomUUID().toString())
                      .encode())
              + ".");

      FuzzRequests generator =
          new FuzzRequests(
              contract(),
              new FuzzRequests.Pools(
                  productIds,
                  deletableIds,
                  jobIds,
                  categoryIds,
                  deletableCategoryIds,
                  List.of(carol.userId, carol.userId, 987_654_321L),
                  List.of(carol.userId, carol.userId, 987_654_321L),
                  alice.email,
                  Accounts.PASSWORD,
                  authorization),
              app.port(),
              runId);

      // ---- the run
      List<Integer> indexes = new ArrayList<>();
      if (ONLY.isBlank()) {
        for (int i = 0; i < REQUESTS; i++) {
          indexes.add(i);
        }
      } else {
        for (String index : ONLY.split(",")) {
          indexes.add(Integer.parseInt(index.trim()));
        }
      }
      long started = System.nanoTime();
      AtomicLong slowest = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int index : indexes) {
          running.add(
              pool.submit(
                  () -> {
                    Draft draft = generator.generate(SEED, index);
                    long begun = System.nanoTime();
                    long millis = exchange(app.port(), http, dave, draft);
                    slowest.accumulateAndGet(millis, Math::max);
                    millisByOperation
                        .computeIfAbsent(draft.operation(), k -> new AtomicLong())
                        .addAndGet((System.nanoTime() - begun) / 1_000_000);
                    requestsByOperation
                        .computeIfAbsent(draft.operation(), k -> new AtomicInteger())
                        .incrementAndGet();
                  }));
        }
        for (Future<?> future : running) {
          future.get(TIMEOUT.toMillis() * 2 + 120_000, TimeUnit.MILLISECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      long elapsed = (System.nanoTime() - started) / 1_000_000;

      // The service survives the run.
      Reply live = http.get("/healthz/live");
      assertThat(live.status()).isEqualTo(200);

      Map<String, String> perOperation = new TreeMap<>();
      requestsByOperation.forEach(
          (operation, count) ->
              perOperation.put(
                  operation,
                  count.get() + " in " + millisByOperation.get(operation).get() + " ms"));
      String summary =
          String.format(
              "contract fuzz: seed %d, %d requests (the first %d the boundary sweep) in %d ms "
                  + "(%d threads, slowest %d ms), answers by status %s, %d distinct findings%n  requests by operation: %s",
              SEED,
              indexes.size(),
              Math.min(indexes.size(), generator.sweepSize()),
              elapsed,
              THREADS,
              slowest.get(),
              new TreeMap<>(statuses),
              findings.size(),
              perOperation);
      System.out.println(summary);
      String report = report(summary);
      Files.createDirectories(Path.of("target"));
      Files.write(
          Path.of("target", "contract-fuzz-findings.txt"), report.getBytes(StandardCharsets.UTF_8));
      if (TRACE) {
        Files.write(
            Path.of("target", "contract-fuzz-trace.txt"),
            String.join("\n", trace.values()).getBytes(StandardCharsets.UTF_8));
      }
      if (!findings.isEmpty()) {
        throw new AssertionError(report);
      }
    }
  }

  /**
   * Sends one request, holds its answer to every property, records what broke. Returns its time.
   */
  private long exchange(int port, HttpClientSupport http, Session dave, Draft draft) {
    byte[] bytes = draft.bytes();
    try {
      if (draft.freshSession()) {
        JsonObject tokens = Accounts.login(http, dave.email, Accounts.PASSWORD);
        bytes = draft.render(tokens.getString("access_token"), tokens.getString("refresh_token"));
      }
    } catch (AssertionError | RuntimeException loginFailed) {
      record(
          "issueToken",
          List.of(new Violation("fresh-login-failed", loginFailed.getMessage())),
          0,
          draft,
          bytes,
          null);
      return 0;
    }
    RawHttp.Response response;
    try {
      response = RawHttp.exchange("127.0.0.1", port, bytes, draft.head(), TIMEOUT);
    } catch (RawHttp.NoAnswer noAnswer) {
      statuses
          .computeIfAbsent(noAnswer.timedOut() ? "timeout" : "no answer", k -> new AtomicInteger())
          .incrementAndGet();
      record(
          draft.operation(),
          List.of(
              new Violation(
                  noAnswer.timedOut() ? "no-answer-in-time" : "no-answer", noAnswer.getMessage())),
          0,
          draft,
          bytes,
          null);
      return TIMEOUT.toMillis();
    }
    statuses
        .computeIfAbsent(String.valueOf(response.status()), k -> new AtomicInteger())
        .incrementAndGet();

    if (TRACE) {
      trace.put(
          draft.index(),
          draft.index()
              + " "
              + draft.operation()
              + " "
              + response.status()
              + " "
              + printable(String.join("; ", draft.notes()), 300)
              + " -> "
              + printable(new String(response.body(), StandardCharsets.UTF_8), 300));
    }
    Exchange exchange =
        new Exchange(
            draft.method(),
            draft.target(),
            requestHeaders(bytes),
            response.status(),
            response.headers(),
            response.body());
    Verdict verdict = ContractValidator.instance().evaluate(exchange);
    List<Violation> broken = new ArrayList<>();
    if (response.status() >= 500) {
      broken.add(new Violation("server-error", "the service answered " + response.statusLine()));
    }
    if (response.status() == 415 && draft.notes().contains("equivalent Content-Type")) {
      // media types are case-insensitive and their parameters are not the type (RFC 9110, 8.3.1)
      broken.add(
          new Violation(
              "equivalent-content-type-refused",
              "415 for a Content-Type equal to the declared one"));
    }
    for (Violation violation : verdict.violations()) {
      // a 5xx is the finding; that the operation does not declare it either adds nothing
      if (response.status() < 500 || !STATUS_RULES.contains(violation.rule())) {
        broken.add(violation);
      }
    }
    if (!broken.isEmpty()) {
      record(verdict.operation(), broken, response.status(), draft, bytes, response);
    }
    return response.millis();
  }

  private void record(
      String operation,
      List<Violation> broken,
      int status,
      Draft draft,
      byte[] bytes,
      RawHttp.Response response) {
    List<String> rules = broken.stream().map(Violation::rule).distinct().sorted().toList();
    String key = operation + " | " + (status > 0 ? status + " | " : "") + String.join(" + ", rules);
    StringBuilder example = new StringBuilder();
    example
        .append("request #")
        .append(draft.index())
        .append(" (seed ")
        .append(SEED)
        .append(", generated for ")
        .append(draft.operation())
        .append("): ")
        .append(
            draft.notes().isEmpty() ? "valid" : printable(String.join("; ", draft.notes()), 600));
    for (Violation violation : broken) {
      example.append("\n      broke: ").append(printable(violation.toString(), 700));
    }
    example
        .append("\n      held to: ")
        .append(operation)
        .append(", as ")
        .append(draft.method())
        .append(' ')
        .append(printable(draft.target(), 200));
    if (response != null) {
      example
          .append("\n      answer: ")
          .append(response.statusLine())
          .append(" | Content-Type: ")
          .append(response.headers().get("Content-Type"))
          .append(" | Allow: ")
          .append(response.headers().get("Allow"))
          .append(" | X-Request-ID: ")
          .append(response.headers().get("X-Request-ID"))
          .append("\n      body: ")
          .append(printable(new String(response.body(), StandardCharsets.UTF_8), 400));
    }
    example
        .append("\n      request bytes: ")
        .append(printable(new String(bytes, StandardCharsets.ISO_8859_1), 900));
    findings.computeIfAbsent(key, Finding::new).add(draft, example.toString());
  }

  private String report(String summary) {
    StringBuilder out = new StringBuilder(summary).append('\n');
    out.append("Replay one request: -Dfuzz.seed=")
        .append(SEED)
        .append(" -Dfuzz.only=<request #>\n");
    for (Finding finding : findings.values()) {
      out.append("\n* ")
          .append(finding.key)
          .append("  (")
          .append(finding.count.get())
          .append(" requests)\n");
      for (String example : finding.examples) {
        out.append("    - ").append(example).append('\n');
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------

  private record Session(String email, long userId, String access, String refresh) {}

  private static long create(HttpClientSupport http, String token, String name) {
    Reply created = http.as(token).postJson("/products", Products.valid(name));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static long category(HttpClientSupport http, String admin, String name) {
    String slug = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    Reply created =
        http.as(admin)
            .postJson("/categories", new JsonObject().put("name", name).put("slug", slug));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static Session session(HttpClientSupport http) {
    String email = Accounts.uniqueEmail();
    long id = Accounts.register(http, email).getLong("id");
    JsonObject tokens = Accounts.login(http, email, Accounts.PASSWORD);
    return new Session(
        email, id, tokens.getString("access_token"), tokens.getString("refresh_token"));
  }

  private static JsonNode contract() throws IOException {
    return YAMLMapper.builder()
        .build()
        .readTree(Files.readString(Path.of("openapi.yaml"), StandardCharsets.UTF_8));
  }

  private static String sign(String secret, JsonObject claims, boolean expiring) {
    Vertx signer = Vertx.vertx();
    try {
      JWTAuth auth =
          JWTAuth.create(
              signer,
              new JWTAuthOptions()
                  .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
      JWTOptions options =
          new JWTOptions().setIssuer("products-api").setAudience(List.of("products-api"));
      if (expiring) {
        options.setExpiresInSeconds(600);
      } else {
        options.setNoTimestamp(true);
      }
      return auth.generateToken(claims, options);
    } finally {
      signer.close();
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The request's header lines, as the validator's request headers (it looks at CORS preflights).
   */
  private static MultiMap requestHeaders(byte[] bytes) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    String text =
        new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    return headers;
  }

  /** Control characters and non-ASCII shown as escapes, long text cut. */
  private static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20 || (c >= 0x7f && c <= 0xff)) {
        out.append(String.format("\\x%02x", (int) c));
      } else if (c > 0xff) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= max) {
      out.append("…(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
