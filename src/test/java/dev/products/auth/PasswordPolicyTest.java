package dev.products.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "12345678",
        "qwertyuiop",
        "password1",
        "iloveyou",
        "Password123",
        "P@ssw0rd!",
        "aaaaaaaaaaaa",
        "abcdefghijkl"
      })
  void aCommonOrPatternedPasswordIsRefusedWithTheReason(String password) {
    assertThat(policy.weakness(password, "ada@example.com"))
        .isNotNull()
        .startsWith("is too easy to guess");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"correct horse battery staple", "s3cret-passw0rd", "long-enough-1", "tY7#vq2Lm9"})
  void aPasswordThatIsHardToGuessIsAcceptedWhateverCharactersItUses(String password) {
    assertThat(policy.weakness(password, "ada@example.com")).isNull();
  }

  @org.junit.jupiter.api.Test
  void theAccountsOwnAddressIsAWordAnAttackerTriesFirst() {
    assertThat(policy.weakness("gracehopper1906", "someone@example.com")).isNull();
    assertThat(policy.weakness("gracehopper1906", "gracehopper1906@example.com")).isNotNull();
  }
}
