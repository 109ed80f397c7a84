package dev.products.http.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValidatorContractTest {

  @Test
  void aFinalDollarBecomesTheEndOfTheInput() {
    String pattern = ValidatorContract.endOfInput("^[a-z0-9]+(?:-[a-z0-9]+)*$");

    assertThat(pattern).isEqualTo("^[a-z0-9]+(?:-[a-z0-9]+)*\\z");
    // What the router's validator does with it (Matcher.find), as ECMA-262 would answer.
    assertThat(Pattern.compile(pattern).matcher("cups-and-mugs").find()).isTrue();
    assertThat(Pattern.compile(pattern).matcher("cups\n").find()).isFalse();
    assertThat(Pattern.compile("^[a-z0-9]+$").matcher("cups\n").find()).isTrue();
  }

  @Test
  void anEscapedDollarStays() {
    assertThat(ValidatorContract.endOfInput("^price\\$")).isEqualTo("^price\\$");
    assertThat(ValidatorContract.endOfInput("^a\\\\$")).isEqualTo("^a\\\\\\z");
  }

  @Test
  void aPatternWithoutAFinalDollarStays() {
    assertThat(ValidatorContract.endOfInput("^[a-z]+")).isEqualTo("^[a-z]+");
    assertThat(ValidatorContract.endOfInput("")).isEmpty();
  }

  @Test
  void aNullableNumberLosesItsFormatAndKeepsItsRangeWhileAPlainOneKeepsBoth() {
    JsonObject nullable =
        new JsonObject()
            .put("type", new JsonArray().add("integer").add("null"))
            .put("format", "int64")
            .put("minimum", 1);
    JsonObject plain = new JsonObject().put("type", "integer").put("format", "int64");
    JsonObject contract =
        new JsonObject()
            .put(
                "components",
                new JsonObject()
                    .put("schemas", new JsonObject().put("A", nullable).put("B", plain)));

    JsonObject schemas =
        ValidatorContract.adapt(contract, "bearer")
            .getJsonObject("components")
            .getJsonObject("schemas");

    assertThat(schemas.getJsonObject("A").containsKey("format")).isFalse();
    assertThat(schemas.getJsonObject("A").getInteger("minimum")).isEqualTo(1);
    assertThat(schemas.getJsonObject("B").getString("format")).isEqualTo("int64");
  }
}
