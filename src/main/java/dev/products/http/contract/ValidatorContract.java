package dev.products.http.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published contract, as vertx-openapi 5.0 can load it. That library refuses media types it
 * cannot validate ({@code application/problem+json} answers, form-encoded bodies), though they are
 * standard OpenAPI. We keep them in the published {@code openapi.yaml} and hand the router a copy
 * without them:
 * <ul>
 *   <li>response media types the library does not know are dropped (responses are not validated);
 *   <li>request body media types it does not know are dropped; an operation left with none loses its
 *       request body, and its handler validates the body itself;
 *   <li>the OAuth2 password-flow scheme is handed over as what it is on the wire, an HTTP bearer
 *       token: vertx-openapi's oauth2 binding wants an OAuth2 provider, while our tokens are our own
 *       JWTs checked by a JWT handler.
 * </ul>
 * Everything else (paths, parameters, JSON bodies, which operations need a token) reaches the
 * router unchanged.
 */
public final class ValidatorContract {

  private ValidatorContract() {}

  public static JsonObject adapt(JsonObject published, String bearerScheme) {
    JsonObject copy = published.copy();
    prune(copy);
    JsonObject schemes = copy.getJsonObject("components", new JsonObject()).getJsonObject("securitySchemes");
    if (schemes != null && schemes.containsKey(bearerScheme)) {
      schemes.put(bearerScheme, new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"));
    }
    return copy;
  }

  private static void prune(Object node) {
    if (node instanceof JsonObject object) {
      JsonObject requestBody = object.getValue("requestBody") instanceof JsonObject body ? body : null;
      for (Map.Entry<String, Object> entry : object) {
        prune(entry.getValue());
      }
      if (object.getValue("content") instanceof JsonObject content && looksLikeMediaTypes(content)) {
        List<String> unsupported = new ArrayList<>();
        content.fieldNames().stream().filter(type -> !MediaType.isMediaTypeSupported(type)).forEach(unsupported::add);
        unsupported.forEach(content::remove);
        if (content.isEmpty()) {
          object.remove("content");
        }
      }
      if (requestBody != null && !requestBody.containsKey("content") && !requestBody.containsKey("$ref")) {
        object.remove("requestBody");
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(ValidatorContract::prune);
    }
  }

  private static boolean looksLikeMediaTypes(JsonObject content) {
    return !content.isEmpty() && content.fieldNames().stream().allMatch(name -> name.contains("/"));
  }
}
