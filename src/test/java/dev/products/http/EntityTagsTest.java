package dev.products.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.Test;

/** The products feature's EntityTagsTest, held to the shared copy until products switch to it. */
class EntityTagsTest {

  private static HttpException refusal(Runnable parse) {
    return catchThrowableOfType(HttpException.class, parse::run);
  }

  @Test
  void aResourcesTagIsItsVersionInQuotes() {
    assertThat(EntityTags.of(new JsonObject().put("id", 7).put("version", 3))).isEqualTo("\"3\"");
  }

  // If-None-Match: the weak comparison

  @Test
  void noIfNoneMatchHeaderNeverHolds() {
    EntityTags.Condition condition = EntityTags.ifNoneMatch(null);

    assertThat(condition.holdsFor(1)).isFalse();
  }

  @Test
  void ifNoneMatchHoldsForTheVersionItNamesOnly() {
    EntityTags.Condition condition = EntityTags.ifNoneMatch("\"3\"");

    assertThat(condition.holdsFor(3)).isTrue();
    assertThat(condition.holdsFor(4)).isFalse();
  }

  @Test
  void ifNoneMatchAcceptsAWeakTagForItsVersion() {
    assertThat(EntityTags.ifNoneMatch("W/\"3\"").holdsFor(3)).isTrue();
  }

  @Test
  void ifNoneMatchStarHoldsForEveryVersion() {
    EntityTags.Condition condition = EntityTags.ifNoneMatch("*");

    assertThat(condition.holdsFor(1)).isTrue();
    assertThat(condition.holdsFor(987_654)).isTrue();
  }

  @Test
  void ifNoneMatchHoldsForAnyVersionOfAList() {
    EntityTags.Condition condition = EntityTags.ifNoneMatch("\"1\", W/\"3\",\"5\"");

    assertThat(condition.holdsFor(1)).isTrue();
    assertThat(condition.holdsFor(3)).isTrue();
    assertThat(condition.holdsFor(5)).isTrue();
    assertThat(condition.holdsFor(2)).isFalse();
  }

  @Test
  void ifNoneMatchIgnoresEmptyListElements() {
    EntityTags.Condition condition = EntityTags.ifNoneMatch(" , \"3\" ,, ");

    assertThat(condition.holdsFor(3)).isTrue();
    assertThat(condition.holdsFor(4)).isFalse();
  }

  @Test
  void anIfNoneMatchOfOnlyEmptyElementsHoldsForNoVersion() {
    assertThat(EntityTags.ifNoneMatch(" , ").holdsFor(1)).isFalse();
  }

  @Test
  void ifNoneMatchComparesTheOpaqueTagNotANumber() {
    EntityTags.Condition condition = EntityTags.ifNoneMatch("\"03\"");

    assertThat(condition.holdsFor(3)).isFalse();
  }

  @Test
  void anUnquotedIfNoneMatchTagIsA400NamingTheHeader() {
    HttpException refused = refusal(() -> EntityTags.ifNoneMatch("3"));

    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(refused.getPayload())
        .isEqualTo("If-None-Match must be * or a list of entity tags such as \"3\"");
  }

  @Test
  void anOverLongIfNoneMatchIsA400NamingTheLimit() {
    String header = "\"" + "1".repeat(EntityTags.MAX_LENGTH - 1) + "\"";

    HttpException refused = refusal(() -> EntityTags.ifNoneMatch(header));

    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(refused.getPayload()).isEqualTo("If-None-Match must be at most 1024 characters");
  }

  @Test
  void anIfNoneMatchOfExactlyTheMaximumLengthIsRead() {
    String header = "\"" + "1".repeat(EntityTags.MAX_LENGTH - 2) + "\"";

    assertThat(header).hasSize(EntityTags.MAX_LENGTH);
    assertThat(EntityTags.ifNoneMatch(header).holdsFor(1)).isFalse();
  }

  // If-Match: the strong comparison

  @Test
  void noIfMatchHeaderIsNoCondition() {
    assertThat(EntityTags.ifMatch(null)).isNull();
  }

  @Test
  void ifMatchStarIsNoCondition() {
    assertThat(EntityTags.ifMatch(" * ")).isNull();
  }

  @Test
  void ifMatchAllowsTheVersionsItNames() {
    assertThat(EntityTags.ifMatch("\"3\", \"7\"")).containsExactly(3, 7);
  }

  @Test
  void aWeakTagAllowsNoWrite() {
    assertThat(EntityTags.ifMatch("W/\"3\"")).isEmpty();
  }

  @Test
  void aWeakTagInAListIsSkippedAndTheStrongOnesCount() {
    assertThat(EntityTags.ifMatch("W/\"3\", \"4\"")).containsExactly(4);
  }

  @Test
  void tagsThatAreNoVersionOfOursAllowNoWrite() {
    assertThat(EntityTags.ifMatch("\"abc\", \"0\", \"03\", \"-1\", \"1234567890\", \"\""))
        .isEmpty();
  }

  @Test
  void theLargestVersionATagCanNameHasNineDigits() {
    assertThat(EntityTags.ifMatch("\"999999999\"")).containsExactly(999_999_999);
  }

  @Test
  void ifMatchIgnoresEmptyListElements() {
    assertThat(EntityTags.ifMatch(",\"2\",, \"5\" ,")).containsExactly(2, 5);
  }

  @Test
  void anIfMatchOfOnlyEmptyElementsAllowsNoWrite() {
    assertThat(EntityTags.ifMatch("")).isEmpty();
  }

  @Test
  void anUnquotedIfMatchTagIsA400NamingTheHeader() {
    HttpException refused = refusal(() -> EntityTags.ifMatch("3"));

    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(refused.getPayload())
        .isEqualTo("If-Match must be * or a list of entity tags such as \"3\"");
  }

  @Test
  void anUnterminatedIfMatchTagIsA400() {
    assertThat(refusal(() -> EntityTags.ifMatch("\"3")).getStatusCode()).isEqualTo(400);
  }

  @Test
  void aLowerCaseWeakPrefixIsA400() {
    assertThat(refusal(() -> EntityTags.ifMatch("w/\"3\"")).getStatusCode()).isEqualTo(400);
  }

  @Test
  void twoTagsWithoutACommaAreA400() {
    assertThat(refusal(() -> EntityTags.ifMatch("\"1\" \"2\"")).getStatusCode()).isEqualTo(400);
  }

  @Test
  void anOverLongIfMatchIsA400NamingTheLimit() {
    String header = "\"1\",".repeat(EntityTags.MAX_LENGTH / 4) + "\"1\"";

    HttpException refused = refusal(() -> EntityTags.ifMatch(header));

    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(refused.getPayload()).isEqualTo("If-Match must be at most 1024 characters");
  }

  @Test
  void aQuotedTagMayHoldACommaAsRfc9110Allows() {
    assertThat(EntityTags.ifMatch("\"a,b\", \"4\"")).containsExactly(4);
    assertThat(EntityTags.ifNoneMatch("W/\"x,y\"").holdsFor(1)).isFalse();
  }
}
