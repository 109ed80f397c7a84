package dev.products.http.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An RFC 9457 problem document, written as {@code application/problem+json}. */
public record Problem(ProblemType type, int status, String detail, JsonArray errors) {

  public static final String CONTENT_TYPE = "application/problem+json";

  public static Problem of(ProblemType type, String detail) {
    return new Problem(type, type.status(), detail, null);
  }

  public JsonObject toJson(String instance, String requestId) {
    JsonObject json = new JsonObject()
        .put("type", type.uri())
        .put("title", type.title())
        .put("status", status)
        .put("detail", detail)
        .put("instance", instance)
        .put("request_id", requestId);
    if (errors != null && !errors.isEmpty()) {
      json.put("errors", errors);
    }
    return json;
  }

  public void send(HttpServerResponse response, String instance, String requestId) {
    response.setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(toJson(instance, requestId).toBuffer());
  }
}
