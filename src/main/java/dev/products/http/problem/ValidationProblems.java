package dev.products.http.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a contract violation found by the OpenAPI validator into a problem with one entry per bad
 * field, so a client can show each error next to the field that caused it.
 */
public final class ValidationProblems {

  private static final Pattern PARAMETER =
      Pattern.compile("(query|path|header|cookie) parameter ([^\\s.]+)");
  private static final Pattern REQUIRED_PROPERTY =
      Pattern.compile("required property \"([^\"]+)\"");

  private ValidationProblems() {}

  public static Problem from(ValidatorException e) {
    String message = Objects.requireNonNullElse(e.getMessage(), "");
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && message.contains("body")) {
      return Problem.of(
          ProblemType.UNSUPPORTED_MEDIA_TYPE, "The request body must be sent as application/json");
    }
    if (e.type() == ValidatorErrorType.ILLEGAL_VALUE && message.contains("body")) {
      return new Problem(
          ProblemType.MALFORMED_REQUEST,
          400,
          "The request body is not well-formed JSON",
          new JsonArray().add(error("body", "", null, "not well-formed JSON")));
    }
    Matcher parameter = PARAMETER.matcher(message);
    String in = parameter.find() ? parameter.group(1) : "body";
    String name = in.equals("body") ? "" : parameter.group(2);
    JsonArray errors = new JsonArray();
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      Set<String> seen = new LinkedHashSet<>();
      for (FieldError error : fieldErrors(schema.getOutputUnit())) {
        if (seen.add(error.pointer() + "|" + error.detail())) {
          errors.add(
              in.equals("body")
                  ? error("body", fieldOf(error.pointer()), "#" + error.pointer(), error.detail())
                  : error(in, name, null, error.detail()));
        }
      }
    }
    if (errors.isEmpty()) {
      errors.add(error(in, name, in.equals("body") ? "#" : null, message));
    }
    return new Problem(ProblemType.VALIDATION, 400, summary(errors), errors);
  }

  /**
   * "name: String is too short (0 < 1); price_cents: -1 is less than 0", the first few errors in
   * one line.
   */
  private static String summary(JsonArray errors) {
    StringBuilder summary = new StringBuilder();
    for (int i = 0; i < errors.size() && i < 3; i++) {
      JsonObject error = errors.getJsonObject(i);
      String field = error.getString("field");
      summary
          .append(i == 0 ? "" : "; ")
          .append(field.isEmpty() ? error.getString("in") : field)
          .append(": ")
          .append(error.getString("detail"));
    }
    if (errors.size() > 3) {
      summary.append("; and ").append(errors.size() - 3).append(" more");
    }
    return summary.toString();
  }

  private record FieldError(String pointer, String detail, boolean unknownField) {}

  /**
   * The specific errors, each at the field it concerns. Wrapper errors ("a subschema had errors")
   * are dropped, and so is the validator's report of a declared-but-invalid property as
   * "additional": an additional-property error only stands when nothing else is wrong with that
   * field.
   */
  private static List<FieldError> fieldErrors(OutputUnit root) {
    List<OutputUnit> units =
        root.getErrors() == null || root.getErrors().isEmpty() ? List.of(root) : root.getErrors();
    List<FieldError> specific = new ArrayList<>();
    for (OutputUnit unit : units) {
      String keyword = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
      if (unit.getError() == null
          || keyword.endsWith("/properties")
          || keyword.endsWith("/$ref")
          || keyword.endsWith("/allOf")
          || keyword.endsWith("/items")) {
        continue;
      }
      boolean unknown = keyword.endsWith("/additionalProperties");
      specific.add(
          new FieldError(
              pointerOf(unit), unknown ? "is not a known field" : unit.getError(), unknown));
    }
    Set<String> fieldsWithOtherErrors = new HashSet<>();
    specific.stream()
        .filter(error -> !error.unknownField())
        .forEach(error -> fieldsWithOtherErrors.addAll(selfAndParents(error.pointer())));
    return specific.stream()
        .filter(error -> !error.unknownField() || !fieldsWithOtherErrors.contains(error.pointer()))
        .toList();
  }

  /** {@code /a/b/0} and each field it is inside: {@code /a/b}, {@code /a} and the root. */
  private static List<String> selfAndParents(String pointer) {
    List<String> pointers = new ArrayList<>();
    for (String p = pointer; !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
      pointers.add(p);
    }
    pointers.add("");
    return pointers;
  }

  /**
   * Where in the body the error is, as a JSON pointer; a missing property is reported at that
   * property.
   */
  private static String pointerOf(OutputUnit unit) {
    String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
    if (location.startsWith("#")) {
      location = location.substring(1);
    }
    if (location.equals("/")) {
      location = "";
    }
    Matcher required = REQUIRED_PROPERTY.matcher(unit.getError());
    if (required.find()) {
      return location + "/" + required.group(1);
    }
    return location;
  }

  private static String fieldOf(String pointer) {
    return pointer.startsWith("/") ? pointer.substring(1).replace('/', '.') : pointer;
  }

  private static JsonObject error(
      String in, String field, @Nullable String pointer, String detail) {
    JsonObject json = new JsonObject().put("in", in).put("field", field);
    if (pointer != null) {
      json.put("pointer", pointer);
    }
    return json.put("detail", detail);
  }
}
