package dev.products.http.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import org.junit.jupiter.api.Test;

/**
 * The exceptions are built the way vertx-openapi builds them: its own factories where they need no
 * contract, its message formats otherwise, and the output of a real JSON Schema validator in the
 * output format vertx-openapi asks for.
 */
class ValidationProblemsTest {

  private static final JsonObject PRODUCT =
      new JsonObject(
          """
          {"type": "object", "additionalProperties": false, "required": ["name", "price_cents"],
           "properties": {
             "name": {"type": "string", "minLength": 1},
             "price_cents": {"type": "integer", "minimum": 0},
             "stock": {"type": "integer", "minimum": 0},
             "tags": {"type": "array", "items": {"type": "string"}},
             "size": {"type": "object", "properties": {"width": {"type": "integer"}}}}}
          """);

  private static final JsonObject LIMIT = new JsonObject("{\"type\": \"integer\", \"minimum\": 1}");

  private static OutputUnit validate(JsonObject schema, Object value) {
    return Validator.create(
            JsonSchema.of(schema),
            new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012)
                .setBaseUri("app://")
                .setOutputFormat(OutputFormat.Basic))
        .validate(value);
  }

  private static JsonSchemaValidationException failure(OutputUnit unit) {
    return catchThrowableOfType(JsonSchemaValidationException.class, unit::checkValidity);
  }

  private static Problem invalidBody(Object body) {
    OutputUnit unit = validate(PRODUCT, body);
    return ValidationProblems.from(
        SchemaValidationException.createInvalidValueBody(
            unit, ValidationContext.REQUEST, failure(unit)));
  }

  private static JsonObject error(String in, String field, String pointer, String detail) {
    return new JsonObject()
        .put("in", in)
        .put("field", field)
        .put("pointer", pointer)
        .put("detail", detail);
  }

  private static JsonObject error(String in, String field, String detail) {
    return new JsonObject().put("in", in).put("field", field).put("detail", detail);
  }

  private static JsonArray errors(Problem problem) {
    JsonArray errors = problem.errors();
    assertThat(errors).isNotNull();
    return errors;
  }

  @Test
  void aBodyInAnotherFormatIsAnUnsupportedMediaType() {
    Problem problem =
        ValidationProblems.from(
            new ValidatorException(
                "The format of the request body is not supported",
                ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT));

    assertThat(problem)
        .isEqualTo(
            new Problem(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                415,
                "The request body must be sent as application/json",
                null));
  }

  @Test
  void aBodyThatCannotBeDecodedIsMalformedWithOneBodyError() {
    Problem problem =
        ValidationProblems.from(
            new ValidatorException(
                "The request body can't be decoded", ValidatorErrorType.ILLEGAL_VALUE));

    assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.detail()).isEqualTo("The request body is not well-formed JSON");
    assertThat(errors(problem)).containsExactly(error("body", "", "not well-formed JSON"));
  }

  @Test
  void aBadBodyFieldIsOneErrorAtThatField() {
    Problem problem = invalidBody(new JsonObject().put("name", "").put("price_cents", 1));

    assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
    assertThat(problem.status()).isEqualTo(400);
    assertThat(errors(problem))
        .containsExactly(error("body", "name", "#/name", "String is too short (0 < 1)"));
    assertThat(problem.detail()).isEqualTo("name: String is too short (0 < 1)");
  }

  @Test
  void aMissingPropertyIsReportedAtThatProperty() {
    Problem problem = invalidBody(new JsonObject().put("price_cents", 1));

    assertThat(errors(problem))
        .containsExactly(
            error("body", "name", "#/name", "Instance does not have required property \"name\""));
  }

  @Test
  void everyBadFieldIsItsOwnErrorInTheValidatorsOrder() {
    Problem problem = invalidBody(new JsonObject().put("name", "").put("price_cents", -1));

    assertThat(errors(problem))
        .containsExactly(
            error("body", "name", "#/name", "String is too short (0 < 1)"),
            error("body", "price_cents", "#/price_cents", "-1 is less than 0"));
    assertThat(problem.detail())
        .isEqualTo("name: String is too short (0 < 1); price_cents: -1 is less than 0");
  }

  @Test
  void anUndeclaredFieldIsNotAKnownField() {
    Problem problem =
        invalidBody(new JsonObject().put("name", "Lamp").put("price_cents", 1).put("colour", 1));

    assertThat(errors(problem))
        .containsExactly(error("body", "colour", "#/colour", "is not a known field"));
  }

  @Test
  void aDeclaredButInvalidFieldIsNotAlsoReportedAsUnknown() {
    Problem problem = invalidBody(new JsonObject().put("name", "Lamp").put("price_cents", "1"));

    assertThat(errors(problem))
        .containsExactly(
            error(
                "body",
                "price_cents",
                "#/price_cents",
                "Instance type string is invalid. Expected integer"));
  }

  @Test
  void aDeclaredFieldWithABadItemIsNotAlsoReportedAsUnknown() {
    Problem problem =
        invalidBody(
            new JsonObject()
                .put("name", "Lamp")
                .put("price_cents", 1)
                .put("tags", new JsonArray().add(1)));

    assertThat(errors(problem))
        .containsExactly(
            error(
                "body", "tags.0", "#/tags/0", "Instance type number is invalid. Expected string"));
  }

  @Test
  void aNestedFieldIsNamedWithDotsAndPointedAtWithSlashes() {
    Problem problem =
        invalidBody(
            new JsonObject()
                .put("name", "Lamp")
                .put("price_cents", 1)
                .put("size", new JsonObject().put("width", "wide")));

    assertThat(errors(problem))
        .containsExactly(
            error(
                "body",
                "size.width",
                "#/size/width",
                "Instance type string is invalid. Expected integer"));
  }

  @Test
  void aBodyOfTheWrongTypeIsOneErrorAtTheRoot() {
    Problem problem = invalidBody(-1);

    assertThat(errors(problem))
        .containsExactly(
            error("body", "", "#", "Instance type number is invalid. Expected object"));
    assertThat(problem.detail())
        .isEqualTo("body: Instance type number is invalid. Expected object");
  }

  @Test
  void theSummaryNamesTheFirstThreeErrorsAndCountsTheRest() {
    Problem problem =
        invalidBody(
            new JsonObject()
                .put("name", "")
                .put("price_cents", -1)
                .put("stock", -1)
                .put("colour", 1)
                .put("weight", 1));

    assertThat(errors(problem)).hasSize(5);
    assertThat(problem.detail())
        .isEqualTo(
            "name: String is too short (0 < 1); price_cents: -1 is less than 0;"
                + " stock: -1 is less than 0; and 2 more");
  }

  @Test
  void aMissingBodyIsOneErrorAtTheBody() {
    Problem problem =
        ValidationProblems.from(
            new ValidatorException(
                "The related request does not contain the required body.",
                ValidatorErrorType.MISSING_REQUIRED_PARAMETER));

    assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
    assertThat(errors(problem))
        .containsExactly(
            error("body", "", "#", "The related request does not contain the required body."));
    assertThat(problem.detail())
        .isEqualTo("body: The related request does not contain the required body.");
  }

  @Test
  void aMissingParameterIsOneErrorNamingItAndWhereItGoes() {
    Problem problem =
        ValidationProblems.from(
            new ValidatorException(
                "The related request / response does not contain the required header parameter"
                    + " Idempotency-Key",
                ValidatorErrorType.MISSING_REQUIRED_PARAMETER));

    assertThat(errors(problem))
        .containsExactly(
            error(
                "header",
                "Idempotency-Key",
                "The related request / response does not contain the required header"
                    + " parameter Idempotency-Key"));
  }

  @Test
  void aParameterInTheWrongStyleIsOneErrorAtThatParameter() {
    Problem problem =
        ValidationProblems.from(
            new ValidatorException(
                "The formatting of the value of query parameter limit doesn't match to style"
                    + " form.",
                ValidatorErrorType.INVALID_VALUE_FORMAT));

    assertThat(errors(problem))
        .containsExactly(
            error(
                "query",
                "limit",
                "The formatting of the value of query parameter limit doesn't match to"
                    + " style form."));
  }

  @Test
  void aParameterOutsideItsSchemaIsAnErrorAtThatParameterWithTheSchemasReason() {
    OutputUnit unit = validate(LIMIT, 0);
    Problem problem =
        ValidationProblems.from(
            new SchemaValidationException(
                "The value of query parameter limit is invalid. Reason: 0 is less than 1",
                ValidatorErrorType.INVALID_VALUE,
                unit,
                failure(unit)));

    assertThat(errors(problem)).containsExactly(error("query", "limit", "0 is less than 1"));
    assertThat(problem.detail()).isEqualTo("limit: 0 is less than 1");
  }

  @Test
  void aPathParameterIsNamedAsSuch() {
    OutputUnit unit = validate(LIMIT, 0);
    Problem problem =
        ValidationProblems.from(
            new SchemaValidationException(
                "The value of path parameter id is invalid. Reason: 0 is less than 1",
                ValidatorErrorType.INVALID_VALUE,
                unit,
                failure(unit)));

    assertThat(errors(problem)).containsExactly(error("path", "id", "0 is less than 1"));
  }

  @Test
  void theSameErrorReportedTwiceIsListedOnce() {
    OutputUnit unit =
        new OutputUnit()
            .setValid(false)
            .addError(
                new OutputUnit()
                    .setKeywordLocation("#/minimum")
                    .setInstanceLocation("#")
                    .setError("0 is less than 1"))
            .addError(
                new OutputUnit()
                    .setKeywordLocation("#/allOf/0/minimum")
                    .setInstanceLocation("#")
                    .setError("0 is less than 1"));
    Problem problem =
        ValidationProblems.from(
            new SchemaValidationException(
                "The value of query parameter limit is invalid. Reason: 0 is less than 1",
                ValidatorErrorType.INVALID_VALUE,
                unit,
                null));

    assertThat(errors(problem)).containsExactly(error("query", "limit", "0 is less than 1"));
  }

  @Test
  void withoutSchemaOutputTheValidatorsMessageIsTheDetail() {
    Problem problem =
        ValidationProblems.from(
            new SchemaValidationException(
                "The value of query parameter offset is invalid. Reason: unknown",
                ValidatorErrorType.INVALID_VALUE,
                null,
                null));

    assertThat(errors(problem))
        .containsExactly(
            error(
                "query",
                "offset",
                "The value of query parameter offset is invalid. Reason: unknown"));
  }
}
