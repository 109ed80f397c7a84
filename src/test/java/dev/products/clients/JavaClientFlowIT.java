package dev.products.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.products.client.java.ApiClient;
import dev.products.client.java.ApiException;
import dev.products.client.java.ApiResponse;
import dev.products.client.java.api.AuthApi;
import dev.products.client.java.api.ExportsApi;
import dev.products.client.java.api.JobsApi;
import dev.products.client.java.api.ProductsApi;
import dev.products.client.java.api.UsersApi;
import dev.products.client.java.model.ExportRequest;
import dev.products.client.java.model.Job;
import dev.products.client.java.model.LogoutRequest;
import dev.products.client.java.model.Product;
import dev.products.client.java.model.ProductCreate;
import dev.products.client.java.model.ProductPage;
import dev.products.client.java.model.ProductUpdate;
import dev.products.client.java.model.RefreshRequest;
import dev.products.client.java.model.Registration;
import dev.products.client.java.model.TokenResponse;
import dev.products.client.java.model.User;
import dev.products.client.java.model.UserPage;
import dev.products.support.Csv;
import dev.products.support.Eventually;
import dev.products.support.ServiceJar;
import dev.products.support.TestApp;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client that openapi-generator makes from openapi.yaml ({@code java}, library {@code
 * native}, generated into target/generated-clients/java) against the packaged jar, one behaviour
 * per step. Every API call goes through the generated client.
 */
class JavaClientFlowIT {

  /**
   * A client of the service; with a token holder, every request carries {@code Authorization:
   * Bearer <token>}.
   */
  private static ApiClient client(ServiceJar service, AtomicReference<String> token) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(service.baseUrl());
    client.setReadTimeout(Duration.ofSeconds(30));
    if (token != null) {
      client.setRequestInterceptor(
          request -> request.setHeader("Authorization", "Bearer " + token.get()));
    }
    return client;
  }

  private static String header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .map(entry -> String.join(",", entry.getValue()))
        .findFirst()
        .orElse(null);
  }

  private static String header(ApiResponse<?> response, String name) {
    return header(response.getHeaders(), name);
  }

  /** The generated client's exception for a non-2xx answer (304 included). */
  private static ApiException failure(ApiCall call) {
    ApiException failure = catchThrowableOfType(ApiException.class, call::run);
    assertThat(failure).as("the call fails with the client's ApiException").isNotNull();
    return failure;
  }

  private static void assertProblem(ApiException failure, int status) {
    assertThat(failure.getCode()).isEqualTo(status);
    assertThat(failure.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(failure.getResponseBody())
        .contains("\"status\":" + status)
        .contains(
            "\"request_id\":\""
                + failure.getResponseHeaders().firstValue("X-Request-ID").orElseThrow()
                + "\"");
  }

  @FunctionalInterface
  private interface ApiCall {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static int steps;

  private static void step(String name, Step body) throws Exception {
    steps++;
    try {
      body.run();
    } catch (Exception | AssertionError e) {
      throw new AssertionError("step " + steps + " (" + name + ") failed: " + e.getMessage(), e);
    }
    System.out.println("ok " + steps + " - " + name);
  }

  @Test
  void theGeneratedJavaClientRunsTheWholeFlow(@TempDir Path workDir) throws Exception {
    try (ServiceJar service = ServiceJar.start(workDir)) {
      flow(service);
    }
  }

  private static void flow(ServiceJar service) throws Exception {
    AuthApi auth = new AuthApi(client(service, null));
    AtomicReference<String> userToken = new AtomicReference<>();
    ApiClient user = client(service, userToken);
    ProductsApi products = new ProductsApi(user);
    UsersApi users = new UsersApi(user);
    AtomicReference<String> adminToken = new AtomicReference<>();
    ApiClient admin = client(service, adminToken);

    String email = "java-flow-" + UUID.randomUUID() + "@example.com";
    String password = "java-flow-password-1";
    long[] userId = new long[1];
    TokenResponse[] tokens = new TokenResponse[2];
    Product[] product = new Product[3];
    String[] etag = new String[1];

    step(
        "register: 201 and the new account",
        () -> {
          ApiResponse<User> response =
              auth.registerWithHttpInfo(new Registration().email(email).password(password));
          assertThat(response.getStatusCode()).isEqualTo(201);
          User account = response.getData();
          assertThat(account.getEmail()).isEqualTo(email);
          assertThat(account.getRole()).isEqualTo(User.RoleEnum.USER);
          assertThat(account.getDisabled()).isFalse();
          assertThat(account.getId()).isPositive();
          userId[0] = account.getId();
        });

    step(
        "token: the password grant answers a bearer access token and a refresh token",
        () -> {
          ApiResponse<TokenResponse> response =
              auth.issueTokenWithHttpInfo("password", email, password, null, null);
          assertThat(response.getStatusCode()).isEqualTo(200);
          assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
          TokenResponse issued = response.getData();
          assertThat(issued.getTokenType()).isEqualTo(TokenResponse.TokenTypeEnum.BEARER);
          assertThat(issued.getAccessToken()).isNotBlank();
          assertThat(issued.getRefreshToken()).isNotBlank();
          assertThat(issued.getExpiresIn()).isPositive();
          tokens[0] = issued;
          userToken.set(issued.getAccessToken());
          assertThat(users.getCurrentUser().getId()).isEqualTo(userId[0]);
        });

    step(
        "create: 201, Location, ETag \"1\" and the product owned by the user",
        () -> {
          ApiResponse<Product> response =
              products.createProductWithHttpInfo(
                  new ProductCreate()
                      .name("Espresso cup, java flow")
                      .description("Porcelain, 90 ml.")
                      .priceCents(1250L)
                      .stock(40),
                  null);
          assertThat(response.getStatusCode()).isEqualTo(201);
          Product created = response.getData();
          assertThat(created.getName()).isEqualTo("Espresso cup, java flow");
          assertThat(created.getDescription()).isEqualTo("Porcelain, 90 ml.");
          assertThat(created.getPriceCents()).isEqualTo(1250L);
          assertThat(created.getStock()).isEqualTo(40);
          assertThat(created.getOwnerId()).isEqualTo(userId[0]);
          assertThat(created.getVersion()).isEqualTo(1);
          assertThat(header(response, "Location")).isEqualTo("/products/" + created.getId());
          assertThat(header(response, "ETag")).isEqualTo("\"1\"");
          assertThat(header(response, "Idempotent-Replayed")).isNull();
          product[0] = created;
        });
    Product created = product[0];

    step(
        "get: 200, the same product and its ETag",
        () -> {
          ApiResponse<Product> response = products.getProductWithHttpInfo(created.getId(), null);
          assertThat(response.getStatusCode()).isEqualTo(200);
          assertThat(response.getData()).isEqualTo(created);
          etag[0] = header(response, "ETag");
          assertThat(etag[0]).isEqualTo("\"1\"");
        });

    step(
        "list: the product is on the first page, newest first",
        () -> {
          ProductPage page = products.listProducts(100, 0L, null);
          assertThat(page.getLimit()).isEqualTo(100);
          assertThat(page.getOffset()).isZero();
          assertThat(page.getTotal()).isPositive();
          assertThat(page.getItems()).first().isEqualTo(created);
        });

    step(
        "patch with If-Match from the ETag: 200, version 2, new ETag, description cleared",
        () -> {
          ApiResponse<Product> response =
              products.updateProductWithHttpInfo(
                  created.getId(), new ProductUpdate().priceCents(990L).description(null), etag[0]);
          assertThat(response.getStatusCode()).isEqualTo(200);
          Product updated = response.getData();
          assertThat(updated.getPriceCents()).isEqualTo(990L);
          assertThat(updated.getDescription()).isNull();
          assertThat(updated.getName()).isEqualTo(created.getName());
          assertThat(updated.getStock()).isEqualTo(created.getStock());
          assertThat(updated.getVersion()).isEqualTo(2);
          assertThat(header(response, "ETag")).isEqualTo("\"2\"");
          etag[0] = "\"2\"";
          product[0] = updated;
        });

    step(
        "patch with the stale ETag: 412 problem, nothing written",
        () -> {
          ApiException refused =
              failure(
                  () ->
                      products.updateProduct(
                          created.getId(), new ProductUpdate().stock(1), "\"1\""));
          assertProblem(refused, 412);
          assertThat(products.getProduct(created.getId(), null).getStock()).isEqualTo(40);
        });

    step(
        "conditional GET with If-None-Match: the client throws its ApiException with 304 and the ETag",
        () -> {
          // The generated client treats every non-2xx answer as an error, 304 included.
          ApiException notModified = failure(() -> products.getProduct(created.getId(), etag[0]));
          assertThat(notModified.getCode()).isEqualTo(304);
          assertThat(notModified.getResponseHeaders().firstValue("ETag")).hasValue("\"2\"");
          assertThat(notModified.getResponseBody()).isNullOrEmpty();
        });

    step(
        "idempotent replay: the same Idempotency-Key twice, the second answer is the first one replayed",
        () -> {
          String key = UUID.randomUUID().toString();
          ProductCreate body =
              new ProductCreate().name("Saucer, java flow").priceCents(300L).stock(5);
          ApiResponse<Product> first = products.createProductWithHttpInfo(body, key);
          assertThat(first.getStatusCode()).isEqualTo(201);
          assertThat(header(first, "Idempotent-Replayed")).isNull();
          ApiResponse<Product> second = products.createProductWithHttpInfo(body, key);
          assertThat(second.getStatusCode()).isEqualTo(201);
          assertThat(header(second, "Idempotent-Replayed")).isEqualTo("true");
          assertThat(header(second, "Location")).isEqualTo("/products/" + first.getData().getId());
          assertThat(second.getData()).isEqualTo(first.getData());
          assertThat(products.listProducts(100, 0L, null).getItems())
              .filteredOn(item -> item.getName().equals("Saucer, java flow"))
              .hasSize(1);
          assertThat(header(first, "ETag")).isEqualTo("\"1\"");
          product[1] = first.getData();
        });

    step(
        "delete with If-Match: 204, then the product is 404",
        () -> {
          ApiResponse<Void> response =
              products.deleteProductWithHttpInfo(product[1].getId(), "\"1\"");
          assertThat(response.getStatusCode()).isEqualTo(204);
          assertProblem(failure(() -> products.getProduct(product[1].getId(), null)), 404);
        });

    step(
        "refresh: new tokens, a rotated refresh token, and the new access token works",
        () -> {
          TokenResponse refreshed =
              auth.refreshToken(new RefreshRequest().refreshToken(tokens[0].getRefreshToken()));
          assertThat(refreshed.getTokenType()).isEqualTo(TokenResponse.TokenTypeEnum.BEARER);
          assertThat(refreshed.getRefreshToken()).isNotEqualTo(tokens[0].getRefreshToken());
          tokens[1] = refreshed;
          userToken.set(refreshed.getAccessToken());
          assertThat(users.getCurrentUser().getEmail()).isEqualTo(email);
        });

    step(
        "logout: 204, then the access token is refused (401) and the refresh token too",
        () -> {
          ApiResponse<Void> response =
              new AuthApi(user)
                  .logoutWithHttpInfo(
                      new LogoutRequest().refreshToken(tokens[1].getRefreshToken()));
          assertThat(response.getStatusCode()).isEqualTo(204);
          ApiException refused = failure(users::getCurrentUser);
          assertProblem(refused, 401);
          assertThat(refused.getResponseHeaders().firstValue("WWW-Authenticate"))
              .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
          assertProblem(
              failure(
                  () ->
                      auth.refreshToken(
                          new RefreshRequest().refreshToken(tokens[1].getRefreshToken()))),
              401);
        });

    step(
        "admin list: GET /users as admin shows the new user",
        () -> {
          adminToken.set(
              auth.issueToken("password", TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, null, null)
                  .getAccessToken());
          UserPage page = new UsersApi(admin).listUsers(100, 0L);
          assertThat(page.getItems())
              .filteredOn(item -> item.getId() == userId[0])
              .singleElement()
              .satisfies(
                  listed -> {
                    assertThat(listed.getEmail()).isEqualTo(email);
                    assertThat(listed.getRole()).isEqualTo(User.RoleEnum.USER);
                  });
          assertThat(page.getItems())
              .filteredOn(item -> item.getEmail().equals(TestApp.ADMIN_EMAIL))
              .singleElement()
              .extracting(User::getRole)
              .isEqualTo(User.RoleEnum.ADMIN);
        });

    long[] jobId = new long[1];
    step(
        "export: 202, Location names the job",
        () -> {
          ApiResponse<Job> response =
              new ExportsApi(admin)
                  .createExportWithHttpInfo(new ExportRequest().scope(ExportRequest.ScopeEnum.ALL));
          assertThat(response.getStatusCode()).isEqualTo(202);
          Job job = response.getData();
          assertThat(job.getKind()).isEqualTo("product-export");
          assertThat(job.getState()).isIn(Job.StateEnum.QUEUED, Job.StateEnum.RUNNING);
          assertThat(header(response, "Location")).isEqualTo("/jobs/" + job.getId());
          assertThat(job.getLinks().getSelf()).isEqualTo("/jobs/" + job.getId());
          jobId[0] = job.getId();
        });

    step(
        "poll the job until it has succeeded: one row written, download link",
        () -> {
          JobsApi jobs = new JobsApi(admin);
          Job job =
              Eventually.eventually(
                  Duration.ofSeconds(60),
                  () -> {
                    try {
                      return jobs.getJob(jobId[0]);
                    } catch (ApiException e) {
                      throw new IllegalStateException(e);
                    }
                  },
                  polled ->
                      polled.getState() == Job.StateEnum.SUCCEEDED
                          || polled.getState() == Job.StateEnum.DEAD);
          assertThat(job.getState())
              .as("export died: %s", job.getLastError())
              .isEqualTo(Job.StateEnum.SUCCEEDED);
          assertThat(job.getLinks().getDownload()).isEqualTo("/exports/" + jobId[0]);
          assertThat(job.getResult()).containsEntry("rows", 1);
        });

    step(
        "download: the CSV holds the header and exactly the remaining, patched product",
        () -> {
          ApiResponse<File> response = new ExportsApi(admin).downloadExportWithHttpInfo(jobId[0]);
          assertThat(response.getStatusCode()).isEqualTo(200);
          assertThat(header(response, "Content-Type")).startsWith("text/csv");
          assertThat(header(response, "Content-Disposition"))
              .isEqualTo("attachment; filename=\"products-export-" + jobId[0] + ".csv\"");
          List<List<String>> records =
              Csv.parse(Files.readString(response.getData().toPath(), StandardCharsets.UTF_8));
          Product patched = product[0];
          assertThat(records).hasSize(2);
          assertThat(records.get(0))
              .containsExactly(
                  "id",
                  "name",
                  "description",
                  "price_cents",
                  "stock",
                  "category_id",
                  "owner_id",
                  "version",
                  "created_at",
                  "updated_at");
          List<String> row = records.get(1);
          assertThat(row.subList(0, 8))
              .containsExactly(
                  String.valueOf(patched.getId()),
                  "Espresso cup, java flow",
                  "",
                  "990",
                  "40",
                  "",
                  String.valueOf(userId[0]),
                  "2");
          assertThat(OffsetDateTime.parse(row.get(8))).isAtSameInstantAs(patched.getCreatedAt());
          assertThat(OffsetDateTime.parse(row.get(9))).isAtSameInstantAs(patched.getUpdatedAt());
        });
  }
}
