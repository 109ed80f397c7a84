package dev.products.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ContractValidator;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** With TLS_CERT_PATH / TLS_KEY_PATH the service speaks HTTPS from PEM files. */
@ExtendWith(VertxExtension.class)
class HttpsTest {

  @Test
  void servesHttpsFromPemFiles(Vertx vertx, @TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "1",
                "-subj",
                "/CN=localhost")
            .redirectErrorStream(true)
            .start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).isZero();

    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("TLS_CERT_PATH", cert.toString())
                .put("TLS_KEY_PATH", key.toString()))) {
      WebClient client =
          WebClient.create(
              vertx, new WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));

      HttpResponse<Buffer> response =
          client.get(app.port(), "127.0.0.1", "/healthz/live").send().await();
      ContractValidator.assertConforms(
          "GET", "/healthz/live", null, response.statusCode(), response.headers(), response.body());

      assertThat(response.statusCode()).isEqualTo(200);
    }
  }
}
