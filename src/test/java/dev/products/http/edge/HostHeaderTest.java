package dev.products.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.products.support.ApiTestBase;
import dev.products.support.RawHttp;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 9112 §3.2: one Host per HTTP/1.1 request, and an absolute target names that host. */
class HostHeaderTest extends ApiTestBase {

  private static RawHttp.Response send(String head) throws RawHttp.NoAnswer {
    byte[] request = (head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    return RawHttp.exchange("127.0.0.1", app.port(), request, false, Duration.ofSeconds(10));
  }

  private static void assertProblem400(RawHttp.Response response, String detail) {
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers().get("Content-Type")).startsWith("application/problem+json");
    assertThat(
            new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getString("detail"))
        .contains(detail);
  }

  @Test
  void oneHostIsServed() throws Exception {
    assertThat(send("GET /products HTTP/1.1\r\nHost: 127.0.0.1\r\n").status()).isEqualTo(200);
  }

  @Test
  void twoHostHeadersAreA400() throws Exception {
    assertProblem400(
        send("GET /products HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"),
        "exactly one Host");
  }

  @Test
  void noHostInAnHttp11RequestIsA400Problem() throws Exception {
    RawHttp.Response response = send("GET /products HTTP/1.1\r\n");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers().get("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void anHttp10RequestMayLeaveHostOut() throws Exception {
    assertThat(send("GET /products HTTP/1.0\r\n").status()).isEqualTo(200);
  }

  @Test
  void anAbsoluteTargetNamingTheHostIsServed() throws Exception {
    assertThat(
            send("GET http://127.0.0.1:"
                    + app.port()
                    + "/products HTTP/1.1\r\nHost: 127.0.0.1:"
                    + app.port()
                    + "\r\n")
                .status())
        .isEqualTo(200);
  }

  @Test
  void anAbsoluteTargetNamingAnotherHostIsA400() throws Exception {
    assertProblem400(
        send("GET http://evil.example/products HTTP/1.1\r\nHost: 127.0.0.1\r\n"), "another host");
  }
}
