package dev.products.http.contract;

import static org.assertj.core.api.Assertions.assertThat;

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
}
