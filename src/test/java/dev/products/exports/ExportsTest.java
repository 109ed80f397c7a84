package dev.products.exports;

import static dev.products.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.database.Migrations;
import dev.products.support.Accounts;
import dev.products.support.Csv;
import dev.products.support.HttpClientSupport;
import dev.products.support.HttpClientSupport.Reply;
import dev.products.support.Products;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /exports, GET /jobs/{id} and GET /exports/{id}, with real job workers writing real files.
 */
class ExportsTest {

  private static Vertx vertx;
  private static TestApp app;
  private static Path dataDir;
  private static HttpClientSupport anonymous;
  private static HttpClientSupport owner;
  private static HttpClientSupport other;
  private static HttpClientSupport admin;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("exports-test");
    Migrations.migrate(TestDatabase.url());
    // A clean-up run offered by an earlier test's instance (hourly) would hold back this one's.
    TestDatabase.execute("DELETE FROM jobs WHERE singleton IS NOT NULL");
    vertx = Vertx.vertx();
    app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("DATA_DIR", dataDir.toString())
                .put("JOB_CONCURRENCY", 2)
                .put("JOB_POLL_INTERVAL", "200ms")
                .put("EXPORT_CLEANUP_INTERVAL", "300ms"));
    anonymous = app.http();
    owner = Accounts.newUser(anonymous);
    other = Accounts.newUser(anonymous);
    admin = Accounts.admin(anonymous);
  }

  @AfterAll
  static void stop() {
    app.close();
    vertx.close().await();
  }

  @BeforeEach
  void noProducts() {
    Products.deleteAll();
  }

  private static long create(HttpClientSupport client, JsonObject product) {
    Reply created = client.postJson("/products", product);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().getLong("id");
  }

  private static long userId(HttpClientSupport client) {
    return client.get("/users/me").json().getLong("id");
  }

  private static Reply requestExport(HttpClientSupport client, JsonObject body) {
    return body == null
        ? client.send(HttpMethod.POST, "/exports", null, null, MultiMap.caseInsensitiveMultiMap())
        : client.postJson("/exports", body);
  }

  private static JsonObject awaitSucceeded(HttpClientSupport client, String location) {
    return eventually(
        Duration.ofSeconds(20),
        () -> client.get(location).json(),
        job -> "succeeded".equals(job.getString("state")));
  }

  /** Exports as {@code client}, waits for the job, and returns the file's records. */
  private static List<List<String>> exportAndDownload(HttpClientSupport client, JsonObject body) {
    Reply accepted = requestExport(client, body);
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonObject job = awaitSucceeded(client, accepted.header("Location"));
    Reply file = client.get(job.getJsonObject("links").getString("download"));
    assertThat(file.status()).as(file.text()).isEqualTo(200);
    return Csv.parse(file.text());
  }

  /**
   * A job row written straight into the table, for states a real worker would pass through too
   * fast.
   */
  private static long insertExportJob(long createdBy, String state) {
    TestDatabase.execute(
        "INSERT INTO jobs (kind, payload, state, max_attempts, created_by, run_at) VALUES "
            + "('product-export', '{}', '"
            + state
            + "', 5, "
            + createdBy
            + ", now() + interval '1 day')");
    return TestDatabase.count("SELECT max(id) FROM jobs WHERE created_by = " + createdBy);
  }

  @Test
  void anExportIsAcceptedWithALocationThatLeadsToItsJob() {
    Reply accepted = requestExport(owner, null);

    assertThat(accepted.status()).isEqualTo(202);
    JsonObject job = accepted.json();
    assertThat(accepted.header("Location")).isEqualTo("/jobs/" + job.getLong("id"));
    assertThat(job.getString("kind")).isEqualTo("product-export");
    assertThat(job.getJsonObject("links").getString("self")).isEqualTo(accepted.header("Location"));
    JsonObject done = awaitSucceeded(owner, accepted.header("Location"));
    assertThat(done.getJsonObject("links").getString("download"))
        .isEqualTo("/exports/" + job.getLong("id"));
  }

  @Test
  void aUserExportsTheirOwnProductsAsRfc4180CsvInUtf8() {
    long plain =
        create(owner, Products.valid("Espresso cup").put("description", "Porcelain, 90 ml."));
    long tricky =
        create(
            owner,
            Products.valid("Café \"Barista\" ☕").put("description", "two\r\nlines, and\nmore"));
    create(other, Products.valid("Someone else's"));

    Reply accepted = requestExport(owner, null);
    JsonObject job = awaitSucceeded(owner, accepted.header("Location"));
    Reply file = owner.get(job.getJsonObject("links").getString("download"));

    assertThat(file.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(file.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"products-export-" + job.getLong("id") + ".csv\"");
    List<List<String>> records = Csv.parse(file.text());
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
    assertThat(records).hasSize(3);
    assertThat(records.get(1).subList(0, 5))
        .containsExactly(String.valueOf(plain), "Espresso cup", "Porcelain, 90 ml.", "1250", "3");
    assertThat(records.get(2).subList(0, 3))
        .containsExactly(String.valueOf(tricky), "Café \"Barista\" ☕", "two\r\nlines, and\nmore");
    assertThat(records.get(1).get(5)).as("no category").isEmpty();
    assertThat(records.get(1).get(6)).isEqualTo(String.valueOf(userId(owner)));
  }

  @Test
  void theJobShowsItsProgressAndResultOnceDone() {
    create(owner, Products.valid("One"));
    create(owner, Products.valid("Two"));

    JsonObject job = awaitSucceeded(owner, requestExport(owner, null).header("Location"));

    assertThat(job.getJsonObject("progress"))
        .isEqualTo(new JsonObject().put("rows_written", 2).put("rows_total", 2));
    assertThat(job.getJsonObject("result").getInteger("rows")).isEqualTo(2);
    assertThat(job.getInteger("attempts")).isEqualTo(1);
    assertThat(job.containsKey("last_error")).as("internal detail is for admins").isFalse();
  }

  @Test
  void anExportPagesThroughThousandsOfProductsInIdOrderWithNoneMissingOrRepeated() {
    long ownerId = userId(owner);
    TestDatabase.execute(
        "INSERT INTO products (name, price_cents, owner_id) SELECT 'bulk ' || g, g, "
            + ownerId
            + " FROM generate_series(1, 2500) g");

    List<List<String>> records = exportAndDownload(owner, null);

    List<Long> ids =
        records.subList(1, records.size()).stream().map(r -> Long.parseLong(r.get(0))).toList();
    assertThat(ids).hasSize(2500).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
    create(
        owner,
        Products.valid("=HYPERLINK(\"http://evil.example\",\"click\")").put("description", "+1-2"));
    create(owner, Products.valid("@SUM(A1)").put("description", "-3"));

    List<List<String>> records = exportAndDownload(owner, null);

    assertThat(records.get(1).subList(1, 3))
        .containsExactly("'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1-2");
    assertThat(records.get(2).subList(1, 3)).containsExactly("'@SUM(A1)", "'-3");
  }

  @Test
  void anAdminMayExportEveryProduct() {
    long mine = create(owner, Products.valid("Owner's"));
    long theirs = create(other, Products.valid("Other's"));

    List<List<String>> records = exportAndDownload(admin, new JsonObject().put("scope", "all"));

    Set<String> ids = records.stream().skip(1).map(r -> r.get(0)).collect(Collectors.toSet());
    assertThat(ids).containsExactlyInAnyOrder(String.valueOf(mine), String.valueOf(theirs));
  }

  @Test
  void aUserMayNotExportEveryProduct() {
    Reply refused = requestExport(owner, new JsonObject().put("scope", "all"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.json().getString("type")).isEqualTo("/problems/forbidden");
  }

  @Test
  void anotherUserCannotSeeTheJobOrItsFileButAnAdminCan() {
    create(owner, Products.valid("Private"));
    String location = requestExport(owner, null).header("Location");
    JsonObject job = awaitSucceeded(owner, location);
    String download = job.getJsonObject("links").getString("download");

    assertThat(other.get(location).status()).isEqualTo(404);
    assertThat(other.get(download).status()).isEqualTo(404);
    assertThat(other.get(download).json().getString("type")).isEqualTo("/problems/not-found");
    assertThat(admin.get(location).status()).isEqualTo(200);
    assertThat(admin.get(download).status()).isEqualTo(200);
  }

  @Test
  void signingInIsRequired() {
    assertThat(requestExport(anonymous, null).status()).isEqualTo(401);
    assertThat(anonymous.get("/jobs/1").status()).isEqualTo(401);
    assertThat(anonymous.get("/exports/1").status()).isEqualTo(401);
  }

  @Test
  void anExportThatIsNotFinishedIsAConflictNamingItsJob() {
    long id = insertExportJob(userId(owner), "queued");

    Reply early = owner.get("/exports/" + id);

    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().getString("detail")).contains("/jobs/" + id);
    assertThat(owner.get("/jobs/" + id).json().getString("state")).isEqualTo("queued");
  }

  @Test
  void anExportThatFailedForGoodIsAConflictToo() {
    long id = insertExportJob(userId(owner), "dead");

    Reply failed = owner.get("/exports/" + id);

    assertThat(failed.status()).isEqualTo(409);
    assertThat(failed.json().getString("detail")).contains("will not be retried");
  }

  @Test
  void aJobOfAnotherKindIsNoExport() {
    TestDatabase.execute(
        "INSERT INTO jobs (kind, state, max_attempts, created_by) VALUES ('welcome-email', 'succeeded', 5, "
            + userId(owner)
            + ")");
    long id = TestDatabase.count("SELECT max(id) FROM jobs WHERE kind = 'welcome-email'");

    assertThat(owner.get("/exports/" + id).status()).isEqualTo(404);
  }

  @Test
  void tooManyPendingExportsAreRefusedWithRetryAfter() {
    HttpClientSupport busy = Accounts.newUser(anonymous);
    long busyId = userId(busy);
    for (int i = 0; i < 3; i++) {
      insertExportJob(busyId, "queued");
    }

    Reply refused = requestExport(busy, null);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("30");
    assertThat(refused.json().getString("type")).isEqualTo("/problems/too-many-requests");
    assertThat(
            TestDatabase.count(
                "SELECT count(*) FROM jobs WHERE kind = 'product-export' AND created_by = "
                    + busyId))
        .isEqualTo(3);
  }

  @Test
  void anExportOlderThanTheMaximumAgeIsRemovedAndThenGone() throws IOException {
    create(owner, Products.valid("Short-lived"));
    JsonObject job = awaitSucceeded(owner, requestExport(owner, null).header("Location"));
    Path file = dataDir.resolve("exports").resolve(job.getLong("id") + ".csv");
    assertThat(file).exists();

    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    eventually(Duration.ofSeconds(10), () -> Files.exists(file), exists -> !exists);
    Reply gone = owner.get(job.getJsonObject("links").getString("download"));
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.json().getString("type")).isEqualTo("/problems/gone");
  }

  @Test
  void badRequestsGetAProblemNotAJob() {
    long before = TestDatabase.count("SELECT count(*) FROM jobs WHERE kind = 'product-export'");

    assertThat(requestExport(owner, new JsonObject().put("scope", "everything")).status())
        .isEqualTo(400);
    assertThat(
            requestExport(owner, new JsonObject().put("scope", "own").put("format", "xlsx"))
                .status())
        .isEqualTo(400);
    Reply notJson =
        owner.send(
            HttpMethod.POST,
            "/exports",
            "application/json",
            Buffer.buffer("{scope"),
            MultiMap.caseInsensitiveMultiMap());
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(owner.get("/jobs/abc").status()).isEqualTo(400);
    assertThat(owner.get("/jobs/0").status()).isEqualTo(400);
    assertThat(owner.get("/exports/-1").status()).isEqualTo(400);
    assertThat(owner.get("/jobs/99999999999").status()).isEqualTo(404);
    assertThat(TestDatabase.count("SELECT count(*) FROM jobs WHERE kind = 'product-export'"))
        .isEqualTo(before);
  }
}
