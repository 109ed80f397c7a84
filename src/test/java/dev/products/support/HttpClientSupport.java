package dev.products.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A real HTTP client against the service, with a blocking call style so tests read top to bottom.
 * Every answer it hands back has passed the {@link ContractValidator}: an answer that {@code
 * openapi.yaml} does not declare fails the test that asked for it, whatever it sent.
 */
public final class HttpClientSupport {

  private final WebClient client;
  private final String bearer;

  HttpClientSupport(Vertx vertx, int port) {
    this(
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setFollowRedirects(false)),
        null);
  }

  private HttpClientSupport(WebClient client, String bearer) {
    this.client = client;
    this.bearer = bearer;
  }

  /** The access token this client sends, or null. */
  public String bearer() {
    return bearer;
  }

  /** The same client, sending {@code Authorization: Bearer token} on every request. */
  public HttpClientSupport as(String token) {
    return new HttpClientSupport(client, token);
  }

  public Reply postForm(String path, MultiMap form) {
    HttpRequest<Buffer> request = client.request(HttpMethod.POST, path);
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    HttpResponse<Buffer> response = request.sendForm(form).await();
    MultiMap sent =
        MultiMap.caseInsensitiveMultiMap()
            .addAll(request.headers())
            .set("Content-Type", "application/x-www-form-urlencoded");
    return checked(HttpMethod.POST, path, sent, response);
  }

  public Reply get(String path) {
    return send(HttpMethod.GET, path, null, null, MultiMap.caseInsensitiveMultiMap());
  }

  public Reply delete(String path) {
    return send(HttpMethod.DELETE, path, null, null, MultiMap.caseInsensitiveMultiMap());
  }

  public Reply postJson(String path, JsonObject body) {
    return send(
        HttpMethod.POST,
        path,
        "application/json",
        body.toBuffer(),
        MultiMap.caseInsensitiveMultiMap());
  }

  public Reply patchJson(String path, JsonObject body) {
    return send(
        HttpMethod.PATCH,
        path,
        "application/json",
        body.toBuffer(),
        MultiMap.caseInsensitiveMultiMap());
  }

  public Reply send(
      HttpMethod method, String path, String contentType, Buffer body, MultiMap headers) {
    // A hung request fails the test instead of hanging the suite.
    HttpRequest<Buffer> request = client.request(method, path).timeout(30_000);
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    request.putHeaders(headers);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    HttpResponse<Buffer> response =
        (body == null ? request.send() : request.sendBuffer(body)).await();
    return checked(
        method, path, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), response);
  }

  /** Holds the answer to the contract before any test sees it; there is no way around this. */
  private static Reply checked(
      HttpMethod method, String path, MultiMap sent, HttpResponse<Buffer> response) {
    ContractValidator.assertConforms(
        method.name(), path, sent, response.statusCode(), response.headers(), response.body());
    return new Reply(response.statusCode(), response.headers(), response.body());
  }

  /** A response as the client saw it. */
  public record Reply(int status, MultiMap headers, Buffer body) {

    public JsonObject json() {
      return body == null ? null : body.toJsonObject();
    }

    public String header(String name) {
      return headers.get(name);
    }

    public String text() {
      return body == null ? "" : body.toString();
    }
  }
}
