package dev.products.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.platform.config.DatabaseUrl;
import dev.products.support.LogCapture;
import dev.products.support.PomVersion;
import dev.products.support.TestApp;
import dev.products.support.TestDatabase;
import dev.products.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a person starting the service reads once it is ready. */
@ExtendWith(VertxExtension.class)
class StartBannerTest {

  private static final String READY = " is ready: ";

  /** The banners logged while an instance with these settings starts. */
  private static List<String> bannersOf(Vertx vertx, JsonObject settings) {
    try (LogCapture logs = new LogCapture();
        TestApp app = TestApp.start(vertx, settings)) {
      return logs.lines().stream().filter(line -> line.contains(READY)).toList();
    }
  }

  private static String bannerOf(Vertx vertx, JsonObject settings) {
    return bannersOf(vertx, settings).get(0);
  }

  @Test
  void anInstancePrintsExactlyOneBannerWhenReady(Vertx vertx) {
    assertThat(bannersOf(vertx, new JsonObject())).hasSize(1);
  }

  @Test
  void theBannerStartsWithTheServiceAndThePomVersion(Vertx vertx) {
    assertThat(bannerOf(vertx, new JsonObject()))
        .startsWith("products-api " + PomVersion.get() + READY);
  }

  @Test
  void boundToEveryAddressTheBannerLinksTheDocsOnLocalhost(Vertx vertx) {
    int port = TestApp.freePort();

    String banner =
        bannerOf(vertx, new JsonObject().put("HTTP_HOST", "0.0.0.0").put("HTTP_PORT", port));

    assertThat(banner).contains(READY + "http://localhost:" + port + "/docs\n");
  }

  @Test
  void boundToOneAddressTheBannerLinksTheDocsOnThatAddress(Vertx vertx) {
    int port = TestApp.freePort();

    String banner =
        bannerOf(vertx, new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", port));

    assertThat(banner).contains(READY + "http://127.0.0.1:" + port + "/docs\n");
  }

  @Test
  void theBannerNamesTheDatabaseAndRedisButNotTheDatabasePassword(Vertx vertx) {
    DatabaseUrl test = TestDatabase.url();
    // The test server trusts local connections, so a password it never checks can stand in for a
    // real one.
    String password = test.password() != null ? test.password() : "banner-s3cret-pw";
    DatabaseUrl withPassword =
        new DatabaseUrl(
            test.host(), test.port(), test.database(), test.user(), password, test.sslMode());

    String banner = bannerOf(vertx, new JsonObject().put("DATABASE_URL", withPassword.toUri()));

    assertThat(banner)
        .contains("\n  database: PostgreSQL at " + withPassword.display() + "\n")
        .contains("\n  redis:    Redis at " + TestRedis.url().display())
        .doesNotContain(password);
  }

  @Test
  void withoutAdminSettingsTheBannerSaysHowToMakeAnAdmin(Vertx vertx) {
    String banner =
        bannerOf(vertx, new JsonObject().put("ADMIN_EMAIL", "").put("ADMIN_PASSWORD", ""));

    assertThat(banner)
        .contains("\n  admin:    none configured; to make one, start with ADMIN_EMAIL=");
    assertThat(banner).contains("ADMIN_PASSWORD=");
  }

  @Test
  void withAdminSettingsTheBannerSaysAnAdminIsMadeWithoutNamingTheAddress(Vertx vertx) {
    String banner = bannerOf(vertx, new JsonObject());

    assertThat(banner)
        .contains("\n  admin:    the account of ADMIN_EMAIL is made the admin at start")
        .doesNotContain(TestApp.ADMIN_EMAIL);
  }
}
