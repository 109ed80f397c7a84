package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.Accounts;
import dev.products.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RS256 and ES256 from PEM files made by openssl, end to end. */
@ExtendWith(VertxExtension.class)
class AsymmetricKeysTest {

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
  }

  @ParameterizedTest
  @CsvSource({"RS256,RSA,rsa_keygen_bits:2048", "ES256,EC,ec_paramgen_curve:P-256"})
  void tokensAreSignedAndCheckedWithPemKeys(
      String algorithm, String keyType, String keyOption, Vertx vertx, @TempDir Path dir)
      throws Exception {
    Path privateKey = dir.resolve("private.pem");
    Path publicKey = dir.resolve("public.pem");
    run(
        "openssl",
        "genpkey",
        "-algorithm",
        keyType,
        "-pkeyopt",
        keyOption,
        "-out",
        privateKey.toString());
    run("openssl", "pkey", "-in", privateKey.toString(), "-pubout", "-out", publicKey.toString());

    try (TestApp app =
        TestApp.start(
            vertx,
            new JsonObject()
                .put("JWT_ALGORITHM", algorithm)
                .put("JWT_SECRET", "")
                .put("JWT_PRIVATE_KEY_PATH", privateKey.toString())
                .put("JWT_PUBLIC_KEY_PATH", publicKey.toString()))) {
      String token =
          Accounts.login(app.http(), TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD)
              .getString("access_token");

      JsonObject header =
          new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(token.split("\\.")[0])));
      assertThat(header.getString("alg")).isEqualTo(algorithm);
      assertThat(app.http().as(token).get("/users/me").status()).isEqualTo(200);
    }
  }
}
