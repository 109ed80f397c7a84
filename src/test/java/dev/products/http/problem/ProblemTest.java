package dev.products.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void aProblemOfAKindHasThatKindsStatus() {
    assertThat(Problem.of(ProblemType.CONFLICT, "taken"))
        .isEqualTo(new Problem(ProblemType.CONFLICT, 409, "taken", null));
  }

  @Test
  void theJsonHasEveryMemberOfTheProblemEnvelope() {
    JsonObject json =
        Problem.of(ProblemType.NOT_FOUND, "No product 7").toJson("/products/7", "req-1");

    assertThat(json)
        .isEqualTo(
            new JsonObject()
                .put("type", "/problems/not-found")
                .put("title", "Not found")
                .put("status", 404)
                .put("detail", "No product 7")
                .put("instance", "/products/7")
                .put("request_id", "req-1"));
  }

  @Test
  void errorsAreListedWhenThereAreAny() {
    JsonArray errors = new JsonArray().add(new JsonObject().put("field", "name"));

    JsonObject json = new Problem(ProblemType.VALIDATION, 400, "bad", errors).toJson("/", "r");

    assertThat(json.getJsonArray("errors")).isEqualTo(errors);
  }

  @Test
  void anEmptyListOfErrorsIsLeftOut() {
    JsonObject json =
        new Problem(ProblemType.VALIDATION, 400, "bad", new JsonArray()).toJson("/", "r");

    assertThat(json.fieldNames()).doesNotContain("errors");
  }

  @Test
  void aPathOfUriCharactersIsTheInstanceAsSent() {
    String path = "/products/7;a=b/x:y@z!$&'()*+,=-._~%2F";

    assertThat(Problem.instanceOf(path)).isSameAs(path);
  }

  @Test
  void noPathIsTheEmptyReference() {
    assertThat(Problem.instanceOf(null)).isEmpty();
  }

  @Test
  void charactersAUriCannotHoldArePercentEncodedAsUtf8() {
    assertThat(Problem.instanceOf("/products/a b\"<é>"))
        .isEqualTo("/products/a%20b%22%3C%C3%A9%3E");
  }

  @Test
  void aBadEscapeHasItsPercentSignEncoded() {
    assertThat(Problem.instanceOf("/x%zz/%4")).isEqualTo("/x%25zz/%254");
  }

  @Test
  void aQueryOrFragmentMarkIsEncodedSinceTheInstanceIsAPath() {
    assertThat(Problem.instanceOf("/a?b#c")).isEqualTo("/a%3Fb%23c");
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsEncodedAsItsFourUtf8Bytes() {
    assertThat(Problem.instanceOf("/\uD83D\uDE00")).isEqualTo("/%F0%9F%98%80");
  }

  @Test
  void aStatusWithoutItsOwnKindGetsTheGenericOneOfItsClass() {
    assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
    assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.VALIDATION);
    assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.MALFORMED_REQUEST);
    assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.INTERNAL);
  }

  @Test
  void aKindsTypeIsARelativeUriUnderProblems() {
    assertThat(ProblemType.PRECONDITION_FAILED.uri()).isEqualTo("/problems/precondition-failed");
  }
}
