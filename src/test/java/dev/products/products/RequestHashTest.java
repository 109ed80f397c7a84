package dev.products.products;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RequestHashTest {

  private static String hash(String json) {
    return RequestHash.of(new JsonObject(json));
  }

  @Test
  void theOrderOfKeysDoesNotMatter() {
    assertThat(hash("{\"name\":\"Lamp\",\"price_cents\":1999}"))
        .isEqualTo(hash("{\"price_cents\":1999,\"name\":\"Lamp\"}"));
  }

  @Test
  void theOrderOfKeysInNestedObjectsDoesNotMatter() {
    assertThat(hash("{\"a\":{\"x\":1,\"y\":[{\"p\":1,\"q\":2}]}}"))
        .isEqualTo(hash("{\"a\":{\"y\":[{\"q\":2,\"p\":1}],\"x\":1}}"));
  }

  @Test
  void spacingDoesNotMatter() {
    assertThat(hash("{ \"name\" :\n\t\"Lamp\" , \"tags\" : [ 1 , 2 ] }"))
        .isEqualTo(hash("{\"name\":\"Lamp\",\"tags\":[1,2]}"));
  }

  @Test
  void howAStringIsEscapedDoesNotMatter() {
    assertThat(hash("{\"name\":\"\\u004Camp\\/x\"}")).isEqualTo(hash("{\"name\":\"Lamp/x\"}"));
  }

  @Test
  void aDifferentValueIsADifferentHash() {
    assertThat(hash("{\"price_cents\":1999}")).isNotEqualTo(hash("{\"price_cents\":1998}"));
  }

  @Test
  void aStringIsNotTheNumberItSpells() {
    assertThat(hash("{\"stock\":1}")).isNotEqualTo(hash("{\"stock\":\"1\"}"));
  }

  @Test
  void aNullFieldIsNotAMissingOne() {
    assertThat(hash("{\"name\":\"Lamp\",\"description\":null}"))
        .isNotEqualTo(hash("{\"name\":\"Lamp\"}"));
  }

  @Test
  void theOrderOfArrayItemsMatters() {
    assertThat(hash("{\"tags\":[1,2]}")).isNotEqualTo(hash("{\"tags\":[2,1]}"));
  }

  @Test
  void keysAndValuesCannotBeShiftedIntoEachOther() {
    assertThat(hash("{\"a\":\"b,c\"}")).isNotEqualTo(hash("{\"a\":\"b\",\"c\":null}"));
  }

  @Test
  void theHashIsTheHexSha256OfTheCompactJsonWithSortedKeys() throws Exception {
    // Stored with each Idempotency-Key, so it must not change between releases.
    byte[] expected =
        MessageDigest.getInstance("SHA-256")
            .digest(
                "{\"a\":[{\"m\":null,\"n\":true}],\"b\":\"x\\\"y\",\"c\":-1.5}"
                    .getBytes(StandardCharsets.UTF_8));

    assertThat(hash("{\"c\":-1.5,\"b\":\"x\\\"y\",\"a\":[{\"n\":true,\"m\":null}]}"))
        .isEqualTo(HexFormat.of().formatHex(expected))
        .hasSize(64);
  }
}
