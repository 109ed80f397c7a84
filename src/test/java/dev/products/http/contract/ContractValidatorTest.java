package dev.products.http.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.products.support.ContractValidator;
import dev.products.support.ContractValidator.Exchange;
import dev.products.support.ContractValidator.Verdict;
import dev.products.support.ContractValidator.Violation;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract validator itself: it refuses what the contract does not declare, and accepts what it
 * does.
 */
class ContractValidatorTest {

  private static final ContractValidator CONTRACT = ContractValidator.instance();
  private static final String REQUEST_ID = "0123456789abcdef";

  private static JsonObject product() {
    return new JsonObject()
        .put("id", 42)
        .put("name", "Espresso cup")
        .put("description", "Porcelain, 90 ml.")
        .put("price_cents", 1250)
        .put("stock", 40)
        .putNull("category_id")
        .put("owner_id", 7)
        .put("version", 1)
        .put("created_at", "2026-11-24T09:30:00.123456Z")
        .put("updated_at", "2026-11-24T09:30:00.123456Z");
  }

  private static JsonObject problem(int status, String instance) {
    return new JsonObject()
        .put("type", "/problems/x")
        .put("title", "T")
        .put("status", status)
        .put("detail", "d")
        .put("instance", instance)
        .put("request_id", REQUEST_ID);
  }

  private static MultiMap headers(String... pairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Request-ID", REQUEST_ID);
    for (int i = 0; i < pairs.length; i += 2) {
      headers.add(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  private static Exchange exchange(
      String method, String target, int status, MultiMap headers, String body) {
    return new Exchange(
        method,
        target,
        MultiMap.caseInsensitiveMultiMap(),
        status,
        headers,
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  private static Verdict verdict(Exchange exchange) {
    return CONTRACT.evaluate(exchange);
  }

  private static void assertBroken(Exchange exchange, String rule) {
    Verdict verdict = verdict(exchange);
    assertThat(verdict.violations())
        .extracting(Violation::rule)
        .as(verdict.toString())
        .contains(rule);
    assertThatThrownBy(() -> CONTRACT.check(exchange))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(exchange.method())
        .hasMessageContaining(String.valueOf(exchange.status()))
        .hasMessageContaining(rule);
  }

  private static void assertAccepted(Exchange exchange) {
    Verdict verdict = verdict(exchange);
    assertThat(verdict.violations()).as(ContractValidator.describe(exchange, verdict)).isEmpty();
  }

  // ----- accepted answers

  @Test
  void acceptsADeclaredJsonAnswer() {
    assertAccepted(
        exchange(
            "GET",
            "/products/42",
            200,
            headers("Content-Type", "application/json", "ETag", "\"1\""),
            product().encode()));
    assertAccepted(
        exchange(
            "GET",
            "/products?limit=5",
            200,
            headers("Content-Type", "Application/JSON; charset=utf-8"),
            new JsonObject()
                .put("items", new JsonArray().add(product()))
                .put("total", 1)
                .put("limit", 5)
                .put("offset", 0)
                .encode()));
  }

  @Test
  void acceptsDeclaredProblemsAndBodilessAnswers() {
    assertAccepted(
        exchange(
            "GET",
            "/products/42",
            404,
            headers("Content-Type", "application/problem+json"),
            problem(404, "/products/42").encode()));
    assertAccepted(exchange("GET", "/products/42", 304, headers("ETag", "\"1\""), null));
    assertAccepted(exchange("DELETE", "/products/42", 204, headers(), null));
    assertAccepted(
        exchange(
            "HEAD",
            "/products/42",
            200,
            headers("Content-Type", "application/json", "Content-Length", "200"),
            null));
    assertAccepted(
        exchange(
            "GET",
            "/metrics",
            200,
            headers("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
            "# TYPE x counter\nx 1.0\n"));
  }

  @Test
  void acceptsA404ProblemForAPathTheContractDoesNotHaveAndA405WithAllow() {
    assertAccepted(
        exchange(
            "GET",
            "/no/such/route",
            404,
            headers("Content-Type", "application/problem+json"),
            problem(404, "/no/such/route").encode()));
    assertAccepted(
        exchange(
            "PUT",
            "/products/42",
            405,
            headers(
                "Content-Type", "application/problem+json", "Allow", "GET, HEAD, PATCH, DELETE"),
            problem(405, "/products/42").encode()));
  }

  @Test
  void aFailureStatusDeclaredWithItsOwnBodyIsHeldToThatBodyNotToTheProblemRule() {
    JsonObject readiness =
        new JsonObject()
            .put("status", "DOWN")
            .put("outcome", "DOWN")
            .put(
                "checks",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "database")
                            .put("status", "DOWN")
                            .put("data", new JsonObject().put("reason", "down"))));
    assertAccepted(
        exchange(
            "GET",
            "/health",
            503,
            headers("Content-Type", "application/json;charset=UTF-8"),
            readiness.encode()));
    assertBroken(
        exchange(
            "GET",
            "/health",
            503,
            headers("Content-Type", "application/json"),
            readiness.put("status", "SIDEWAYS").encode()),
        "body-schema");
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            503,
            headers("Content-Type", "application/json"),
            readiness.encode()),
        "problem-content-type");
  }

  @Test
  void readsACompressedBodyAsTheRepresentationItIs() throws IOException {
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write(product().encode().getBytes(StandardCharsets.UTF_8));
    }
    Exchange compressed =
        new Exchange(
            "GET",
            "/products/42",
            MultiMap.caseInsensitiveMultiMap().add("Accept-Encoding", "gzip"),
            200,
            headers("Content-Type", "application/json", "Content-Encoding", "gzip"),
            zipped.toByteArray());
    assertAccepted(compressed);
  }

  @Test
  void aCorsPreflightIsAnsweredOrRefusedWithAProblem() {
    MultiMap preflight =
        MultiMap.caseInsensitiveMultiMap()
            .add("Origin", "https://app.example.com")
            .add("Access-Control-Request-Method", "POST");
    assertAccepted(
        new Exchange(
            "OPTIONS",
            "/products",
            preflight,
            204,
            headers("Access-Control-Allow-Origin", "https://app.example.com"),
            new byte[0]));
    assertAccepted(
        new Exchange(
            "OPTIONS",
            "/products",
            preflight,
            403,
            headers("Content-Type", "application/problem+json"),
            problem(403, "/products").encode().getBytes(StandardCharsets.UTF_8)));
    assertBroken(
        new Exchange("OPTIONS", "/products", preflight, 403, headers(), new byte[0]),
        "problem-content-type");
    // without the CORS request headers an OPTIONS is an undeclared method like any other
    assertBroken(exchange("OPTIONS", "/products", 204, headers(), null), "method-not-declared");
  }

  @Test
  void leavesRoutesOutsideTheContractAlone() {
    assertAccepted(
        exchange("GET", "/docs/index.html", 200, MultiMap.caseInsensitiveMultiMap(), "<html>"));
    assertAccepted(
        exchange(
            "GET", "/openapi.yaml", 200, MultiMap.caseInsensitiveMultiMap(), "openapi: 3.1.0"));
  }

  // ----- refused answers

  @Test
  void refusesAnUndeclaredStatus() {
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            201,
            headers("Content-Type", "application/json"),
            product().encode()),
        "status-undeclared");
    assertBroken(
        exchange(
            "GET",
            "/healthz/live",
            429,
            headers("Content-Type", "application/problem+json"),
            problem(429, "/healthz/live").encode()),
        "status-undeclared");
  }

  @Test
  void refusesAnUndeclaredContentType() {
    assertBroken(
        exchange("GET", "/products/42", 200, headers("Content-Type", "text/html"), "<p>cup</p>"),
        "content-type-undeclared");
    assertBroken(
        exchange("GET", "/products/42", 200, headers(), product().encode()),
        "content-type-missing");
  }

  @Test
  void refusesABodyThatBreaksTheSchema() {
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            200,
            headers("Content-Type", "application/json"),
            product().put("price_cents", -1).encode()),
        "body-schema");
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            200,
            headers("Content-Type", "application/json"),
            "{\"id\": 42, \"id\": 43}"),
        "body-not-json");
    // through $refs: an item of a page
    assertBroken(
        exchange(
            "GET",
            "/products",
            200,
            headers("Content-Type", "application/json"),
            new JsonObject()
                .put("items", new JsonArray().add(product().put("stock", "3")))
                .put("total", 1)
                .put("limit", 20)
                .put("offset", 0)
                .encode()),
        "body-schema");
  }

  @Test
  void patternsAreEcmaRegularExpressionsNotJavaOnes() {
    String twoNoBreakSpaces = "\u00A0\u00A0";
    String pattern =
        "^[^\\u0000-\\u001F\\u007F]*[^\\s\\u0000-\\u001F\\u007F][^\\u0000-\\u001F\\u007F]*$";
    // Java's \s is ASCII whitespace only, so Java would take this blank name...
    assertThat(Pattern.compile(pattern).matcher(twoNoBreakSpaces).find()).isTrue();
    // ...ECMA-262's \s includes U+00A0, so the contract does not.
    Exchange blankName =
        exchange(
            "GET",
            "/products/42",
            200,
            headers("Content-Type", "application/json"),
            product().put("name", twoNoBreakSpaces).encode());
    assertBroken(blankName, "body-schema");
    assertThat(verdict(blankName).violations().get(0).detail())
        .contains("/name")
        .contains("pattern");
  }

  @Test
  void formatsAreAssertions() {
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            200,
            headers("Content-Type", "application/json"),
            product().put("created_at", "yesterday").encode()),
        "body-schema");
    Exchange hugeId =
        exchange(
            "GET",
            "/products/42",
            200,
            headers("Content-Type", "application/json"),
            product().encode().replace("\"id\":42", "\"id\":9223372036854775808"));
    assertBroken(hugeId, "body-schema");
    assertThat(verdict(hugeId).violations().get(0).detail()).contains("int64");
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            200,
            headers("Content-Type", "application/json"),
            product().put("stock", 2147483648L).encode()),
        "body-schema");
  }

  @Test
  void refusesAMissingRequiredHeaderAndAHeaderThatBreaksItsSchema() throws IOException {
    String yaml = Files.readString(Path.of("openapi.yaml"), StandardCharsets.UTF_8);
    String marker =
        "            Location:\n              description: Path of the created product.\n";
    assertThat(yaml).contains(marker);
    ContractValidator locationRequired =
        ContractValidator.fromYaml(yaml.replace(marker, marker + "              required: true\n"));
    Exchange created =
        new Exchange(
            "POST",
            "/products",
            MultiMap.caseInsensitiveMultiMap(),
            201,
            headers("Content-Type", "application/json"),
            product().encode().getBytes(StandardCharsets.UTF_8));

    assertThat(locationRequired.evaluate(created).violations())
        .extracting(Violation::rule)
        .containsExactly("header-missing");
    assertThatThrownBy(() -> locationRequired.check(created))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Location");

    assertBroken(
        exchange(
            "GET",
            "/products",
            429,
            headers("Content-Type", "application/problem+json", "Retry-After", "soon"),
            problem(429, "/products").encode()),
        "header-schema");
    assertBroken(
        exchange(
            "POST",
            "/products",
            201,
            headers("Content-Type", "application/json", "Idempotent-Replayed", "yes"),
            product().encode()),
        "header-schema");
  }

  @Test
  void everyFailureIsAProblemCarryingTheRequestId() {
    assertBroken(
        exchange("GET", "/products/abc", 400, headers("Content-Type", "text/plain"), "Bad Request"),
        "problem-content-type");
    assertBroken(
        exchange("GET", "/products?limit=" + "9".repeat(9000), 414, headers(), null),
        "problem-content-type");
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            404,
            headers("Content-Type", "application/problem+json"),
            problem(404, "/products/42").put("request_id", "another").encode()),
        "problem-request-id");
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            404,
            headers("Content-Type", "application/problem+json"),
            problem(404, "/products/42").put("status", 400).encode()),
        "problem-status");
    assertBroken(
        exchange(
            "GET",
            "/products/42",
            404,
            headers("Content-Type", "application/problem+json"),
            problem(404, "/products/42").put("title", (String) null).encode()),
        "problem-schema");
    assertBroken(
        new Exchange(
            "GET",
            "/products/42",
            null,
            200,
            MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
            product().encode().getBytes(StandardCharsets.UTF_8)),
        "request-id-missing");
  }

  @Test
  void refusesWrongAnswersToUndeclaredPathsAndMethods() {
    assertBroken(
        exchange(
            "PUT",
            "/products/42",
            405,
            headers("Content-Type", "application/problem+json"),
            problem(405, "/products/42").encode()),
        "allow-missing");
    assertBroken(
        exchange(
            "PUT",
            "/products/42",
            405,
            headers("Content-Type", "application/problem+json", "Allow", "GET"),
            problem(405, "/products/42").encode()),
        "allow-wrong");
    assertBroken(
        exchange("HEAD", "/products/42", 405, headers("Allow", "GET, PATCH, DELETE"), null),
        "status-undeclared");
    assertBroken(
        exchange("GET", "/no/such/route", 200, headers("Content-Type", "application/json"), "{}"),
        "no-path");
  }

  @Test
  void refusesBodiesWhereNoneIsDeclaredAndMissingBodiesWhereOneIs() {
    assertBroken(
        exchange("DELETE", "/products/42", 204, headers("Content-Type", "application/json"), "{}"),
        "body-undeclared");
    assertBroken(
        exchange("GET", "/products/42", 200, headers("Content-Type", "application/json"), null),
        "body-missing");
    assertBroken(
        exchange(
            "HEAD",
            "/products/42",
            200,
            headers("Content-Type", "application/json"),
            product().encode()),
        "head-body");
  }
}
