package dev.products.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

  private static JsonObject product(String name, String description) {
    return new JsonObject()
        .put("id", 12L)
        .put("name", name)
        .put("description", description)
        .put("price_cents", 1999)
        .put("stock", 4)
        .put("category_id", 5L)
        .put("owner_id", 3L)
        .put("version", 2)
        .put("created_at", "2025-01-02T03:04:05Z")
        .put("updated_at", "2025-01-03T03:04:05Z");
  }

  private static String row(JsonObject product) {
    StringBuilder out = new StringBuilder();
    CsvRows.append(out, product);
    return out.toString();
  }

  /** The name and description fields of a row, as written. */
  private static String nameAndDescription(String name, String description) {
    String row = row(product(name, description));
    String prefix = "12,";
    String suffix = ",1999,4,5,3,2,2025-01-02T03:04:05Z,2025-01-03T03:04:05Z\r\n";
    assertThat(row).startsWith(prefix).endsWith(suffix);
    return row.substring(prefix.length(), row.length() - suffix.length());
  }

  @Test
  void theHeaderNamesTheColumnsInOrderAndEndsWithCrlf() {
    assertThat(CsvRows.header())
        .isEqualTo(
            "id,name,description,price_cents,stock,category_id,owner_id,version,created_at,updated_at\r\n");
  }

  @Test
  void aRowHasEveryColumnInHeaderOrderAndEndsWithCrlf() {
    assertThat(row(product("Lamp", "A desk lamp")))
        .isEqualTo(
            "12,\"Lamp\",\"A desk lamp\",1999,4,5,3,2,2025-01-02T03:04:05Z,2025-01-03T03:04:05Z\r\n");
  }

  @Test
  void aRowIsAppendedAfterWhatTheBuilderHolds() {
    StringBuilder out = new StringBuilder(CsvRows.header());

    CsvRows.append(out, product("Lamp", "x"));

    assertThat(out.toString()).startsWith(CsvRows.header() + "12,\"Lamp\",\"x\",");
  }

  @Test
  void aMissingOrNullValueIsAnEmptyField() {
    JsonObject product = product("Lamp", "x");
    product.putNull("description");
    product.remove("stock");

    assertThat(row(product))
        .isEqualTo("12,\"Lamp\",,1999,,5,3,2,2025-01-02T03:04:05Z,2025-01-03T03:04:05Z\r\n");
  }

  @Test
  void fieldsOutsideTheColumnsAreLeftOut() {
    assertThat(row(product("Lamp", "x").put("secret", "s3cr3t"))).doesNotContain("s3cr3t");
  }

  @Test
  void aFieldWithACommaIsQuotedLikeEveryText() {
    assertThat(nameAndDescription("Lamp, small", "x")).isEqualTo("\"Lamp, small\",\"x\"");
  }

  @Test
  void aFieldWithAQuoteIsQuotedWithTheQuoteDoubled() {
    assertThat(nameAndDescription("12\" ruler", "x")).isEqualTo("\"12\"\" ruler\",\"x\"");
  }

  @Test
  void aFieldWithALineFeedIsQuotedAndKeepsIt() {
    assertThat(nameAndDescription("Lamp", "line one\nline two"))
        .isEqualTo("\"Lamp\",\"line one\nline two\"");
  }

  @Test
  void aFieldWithACarriageReturnInsideIsQuotedAndKeepsIt() {
    assertThat(nameAndDescription("Lamp", "a\r\nb")).isEqualTo("\"Lamp\",\"a\r\nb\"");
  }

  @Test
  void anEmptyTextIsAnEmptyQuotedField() {
    assertThat(nameAndDescription("Lamp", "")).isEqualTo("\"Lamp\",\"\"");
  }

  @Test
  void textAFormulaCouldStartWithGetsALeadingApostrophe() {
    assertThat(nameAndDescription("=1+1", "+1")).isEqualTo("\"'=1+1\",\"'+1\"");
    assertThat(nameAndDescription("-2", "@SUM(A1)")).isEqualTo("\"'-2\",\"'@SUM(A1)\"");
  }

  @Test
  void textStartingWithATabGetsALeadingApostrophe() {
    assertThat(nameAndDescription("\tLamp", "x")).isEqualTo("\"'\tLamp\",\"x\"");
  }

  @Test
  void textStartingWithACarriageReturnGetsTheApostropheInsideTheQuotes() {
    assertThat(nameAndDescription("\rLamp", "x")).isEqualTo("\"'\rLamp\",\"x\"");
  }

  @Test
  void aDefusedFormulaWithACommaIsQuotedApostropheIncluded() {
    assertThat(nameAndDescription("=HYPERLINK(\"http://x\",\"y\")", "x"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"x\"");
  }

  @Test
  void onlyTheFirstCharacterDecidesWhetherTextIsDefused() {
    assertThat(nameAndDescription("a=b", " =1")).isEqualTo("\"a=b\",\" =1\"");
  }

  @Test
  void numbersAreWrittenAsTheyAreEvenWhenNegative() {
    JsonObject product = product("Lamp", "x").put("price_cents", -5).put("stock", -1);

    assertThat(row(product)).startsWith("12,\"Lamp\",\"x\",-5,-1,5,3,");
  }

  @Test
  void aFormulaAfterASemicolonIsDefusedAndTheFieldQuotedSoNoSpreadsheetRunsIt() {
    assertThat(nameAndDescription("Pot;=cmd|' /C calc'!A0;", "x"))
        .isEqualTo("\"Pot;'=cmd|' /C calc'!A0;\",\"x\"");
  }

  @Test
  void aFormulaAfterAnySeparatorLikeCharacterIsDefused() {
    assertThat(CsvRows.defused("a,=1;+2|-3\t@4\n=5\r+6")).isEqualTo("a,'=1;'+2|'-3\t'@4\n'=5\r'+6");
  }

  @Test
  void aFormulaCharacterInsideWordsIsLeftAlone() {
    assertThat(CsvRows.defused("well-known e-mail a+b x=y user@host"))
        .isEqualTo("well-known e-mail a+b x=y user@host");
  }
}
