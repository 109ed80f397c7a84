package dev.products.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kitsune@example.com",
        "KITSUNE@EXAMPLE.COM",
        "\u212Aitsune@example.com", // KELVIN SIGN
        "kit\u017Fune@example.com", // LATIN SMALL LETTER LONG S
        "\uFF4B\uFF49\uFF54\uFF53\uFF55\uFF4E\uFF45@example.com", // full-width letters
        "  kitsune@example.com "
      })
  void spellingsThatMeanTheSameLettersHaveOneCanonicalForm(String email) {
    assertThat(Emails.canonical(email)).isEqualTo("kitsune@example.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "k\u0130tsune@example.com", // LATIN CAPITAL LETTER I WITH DOT ABOVE
        "k\u0131tsune@example.com", // LATIN SMALL LETTER DOTLESS I
        "kitsu\u00DFe@example.com" // ß stays ß, never "ss"
      })
  void lettersThatOnlyLookAlikeStayDifferentAndAreNotAscii(String email) {
    String canonical = Emails.canonical(email);

    assertThat(canonical).isNotEqualTo("kitsune@example.com");
    assertThat(canonical.chars().allMatch(c -> c < 128))
        .as("so it can name no stored (ASCII) account")
        .isFalse();
  }
}
