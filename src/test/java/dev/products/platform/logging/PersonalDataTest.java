package dev.products.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void aMailServersRefusalLosesTheAddressItQuotes() {
    assertThat(
            PersonalData.withoutEmailAddresses(
                "550 5.1.1 <Ada.Lovelace+shop@mail.example.com>: Recipient address rejected"))
        .isEqualTo("550 5.1.1 <[e-mail]>: Recipient address rejected");
  }

  @Test
  void textWithoutAnAddressIsUnchanged() {
    String text = "Connection refused: /127.0.0.1:2525 after 3 attempts; retrying in 100 ms";

    assertThat(PersonalData.withoutEmailAddresses(text)).isEqualTo(text);
  }
}
