package dev.products.http.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The published contract, as vertx-openapi 5.0 can load it. That library refuses media types it
 * cannot validate ({@code application/problem+json} answers, form-encoded bodies), though they are
 * standard OpenAPI. We keep them in the published {@code openapi.yaml} and hand the router a copy
 * without them:
 *
 * <ul>
 *   <li>response media types the library does not know are dropped (responses are not validated);
 *   <li>request body media types it does not know are dropped; an operation left with none loses
 *       its request body, and its handler validates the body itself;
 *   <li>the conditional-request headers ({@code If-Match}, {@code If-None-Match}) are left to the
 *       handlers: their values are lists of quoted entity tags (RFC 9110), which the library tries
 *       to decode as JSON and refuses ({@code W/"3"}, {@code "2", "3"});
 *   <li>the OAuth2 password-flow scheme is handed over as what it is on the wire, an HTTP bearer
 *       token: vertx-openapi's oauth2 binding wants an OAuth2 provider, while our tokens are our
 *       own JWTs checked by a JWT handler.
 * </ul>
 *
 * It also leaves out the relative {@code servers} entry, which the library cannot parse, and {@code
 * format: email} where a {@code pattern} goes with it: the pattern admits only addresses every
 * e-mail format accepts, and is the rule the service holds (the library's e-mail check also throws
 * on an empty string instead of failing it). A pattern's final {@code $} becomes {@code \z}, the
 * end of the input as ECMA-262 reads {@code $} ({@link #endOfInput}). A nullable number loses its
 * {@code format} ({@code int64}): the library checks the format on a null too and refuses it, so
 * {@code "category_id": null} would be a 400; its {@code minimum} and {@code maximum} still hold
 * the range. Everything else (paths, parameters, JSON bodies, which operations need a token)
 * reaches the router unchanged.
 */
public final class ValidatorContract {

  private ValidatorContract() {}

  public static JsonObject adapt(JsonObject published, String bearerScheme) {
    JsonObject copy = published.copy();
    // The published server is relative ("/": wherever this document is served). vertx-openapi wants
    // absolute URLs and would mount the routes under a server's path; the router serves from the
    // root.
    copy.remove("servers");
    prune(copy);
    dropEntityTagHeaders(copy);
    JsonObject schemes =
        copy.getJsonObject("components", new JsonObject()).getJsonObject("securitySchemes");
    if (schemes != null && schemes.containsKey(bearerScheme)) {
      schemes.put(
          bearerScheme,
          new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"));
    }
    return copy;
  }

  /**
   * A pattern's final {@code $} as ECMA-262 (JSON Schema) reads it: the end of the input. Java's
   * {@code $}, which the library's validator uses, also matches before a final line terminator, so
   * {@code "cups\n"} would pass {@code ^[a-z0-9]+$} there and reach the database's CHECK instead of
   * being refused as the contract says, with the field named.
   */
  static String endOfInput(String pattern) {
    int backslashes = 0;
    for (int i = pattern.length() - 2; i >= 0 && pattern.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return pattern.endsWith("$") && backslashes % 2 == 0
        ? pattern.substring(0, pattern.length() - 1) + "\\z"
        : pattern;
  }

  private static void prune(Object node) {
    if (node instanceof JsonObject object) {
      if ("email".equals(object.getValue("format")) && object.containsKey("pattern")) {
        object.remove("format");
      }
      if (object.containsKey("format")
          && object.getValue("type") instanceof JsonArray types
          && types.contains("null")) {
        object.remove("format");
      }
      if (object.getValue("pattern") instanceof String pattern) {
        object.put("pattern", endOfInput(pattern));
      }
      JsonObject requestBody =
          object.getValue("requestBody") instanceof JsonObject body ? body : null;
      for (Map.Entry<String, Object> entry : object) {
        prune(entry.getValue());
      }
      if (object.getValue("content") instanceof JsonObject content
          && looksLikeMediaTypes(content)) {
        List<String> unsupported = new ArrayList<>();
        content.fieldNames().stream()
            .filter(type -> !MediaType.isMediaTypeSupported(type))
            .forEach(unsupported::add);
        unsupported.forEach(content::remove);
        if (content.isEmpty()) {
          object.remove("content");
        }
      }
      if (requestBody != null
          && !requestBody.containsKey("content")
          && !requestBody.containsKey("$ref")) {
        object.remove("requestBody");
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(ValidatorContract::prune);
    }
  }

  private static final Set<String> ENTITY_TAG_HEADERS = Set.of("if-match", "if-none-match");

  private static void dropEntityTagHeaders(JsonObject contract) {
    JsonObject components =
        contract
            .getJsonObject("components", new JsonObject())
            .getJsonObject("parameters", new JsonObject());
    List<String> refs =
        components.fieldNames().stream()
            .filter(name -> isEntityTagHeader(components.getJsonObject(name)))
            .map(name -> "#/components/parameters/" + name)
            .toList();
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String name : paths.fieldNames()) {
      JsonObject path = paths.getJsonObject(name);
      dropFrom(path, refs);
      for (String field : path.fieldNames()) {
        if (path.getValue(field) instanceof JsonObject operation) {
          dropFrom(operation, refs);
        }
      }
    }
  }

  private static void dropFrom(JsonObject holder, List<String> refs) {
    JsonArray parameters = holder.getJsonArray("parameters");
    if (parameters == null) {
      return;
    }
    for (int i = parameters.size() - 1; i >= 0; i--) {
      JsonObject parameter = parameters.getJsonObject(i);
      if (refs.contains(parameter.getString("$ref")) || isEntityTagHeader(parameter)) {
        parameters.remove(i);
      }
    }
    if (parameters.isEmpty()) {
      holder.remove("parameters");
    }
  }

  private static boolean isEntityTagHeader(JsonObject parameter) {
    return parameter != null
        && "header".equals(parameter.getString("in"))
        && ENTITY_TAG_HEADERS.contains(
            String.valueOf(parameter.getString("name")).toLowerCase(Locale.ROOT));
  }

  private static boolean looksLikeMediaTypes(JsonObject content) {
    return !content.isEmpty() && content.fieldNames().stream().allMatch(name -> name.contains("/"));
  }
}
