package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUrlTest {

  private static RedisUrl parse(String value) {
    return RedisUrl.parse("REDIS_URL", value);
  }

  @Test
  void everyPartIsReadFromTheUrl() {
    assertThat(parse("rediss://app:s3cret@cache.example.com:6380/2"))
        .isEqualTo(new RedisUrl(true, "cache.example.com", 6380, 2, "app", "s3cret"));
  }

  @Test
  void portDatabaseAndCredentialsHaveDefaults() {
    assertThat(parse("redis://cache")).isEqualTo(new RedisUrl(false, "cache", 6379, 0, null, null));
    assertThat(parse("redis://cache/").database()).isZero();
  }

  @Test
  void aPasswordWithoutUserHasNoUser() {
    RedisUrl url = parse("redis://:s3cret@cache:6379/0");

    assertThat(url.user()).isNull();
    assertThat(url.password()).isEqualTo("s3cret");
  }

  @Test
  void anEmptyPasswordIsNone() {
    assertThat(parse("redis://app:@cache").password()).isNull();
  }

  @Test
  void percentEncodedCredentialsAreDecoded() {
    assertThat(parse("redis://:p%3Aw%40d%25@cache").password()).isEqualTo("p:w@d%");
  }

  @Test
  void aPlusInTheCredentialsIsAPlus() {
    assertThat(parse("redis://app+1:a+b@cache"))
        .satisfies(
            url -> {
              assertThat(url.user()).isEqualTo("app+1");
              assertThat(url.password()).isEqualTo("a+b");
            });
  }

  @Test
  void anotherSchemeIsRefusedNamingIt() {
    assertThatThrownBy(() -> parse("http://cache:6379"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("REDIS_URL: scheme must be redis:// or rediss://, got http://");
  }

  @Test
  void aUrlWithoutHostIsRefused() {
    assertThatThrownBy(() -> parse("redis:///0"))
        .hasMessage("REDIS_URL: no host; expected redis://[:password@]host[:port][/db]");
  }

  @Test
  void aPathThatIsNoDatabaseNumberIsRefused() {
    assertThatThrownBy(() -> parse("redis://cache/zero"))
        .hasMessage(
            "REDIS_URL: the path must be a database number, got \"/zero\";"
                + " expected redis://[:password@]host[:port][/db]");
    assertThatThrownBy(() -> parse("redis://cache/-1"))
        .hasMessageStartingWith("REDIS_URL: the path must be a database number");
  }

  @Test
  void somethingThatIsNoUrlIsRefused() {
    assertThatThrownBy(() -> parse("redis://ca che"))
        .hasMessageStartingWith("REDIS_URL: not a URL (");
  }

  @Test
  void theConnectionStringCarriesTheCredentials() {
    assertThat(parse("rediss://app:s3cret@cache:6380/2").connectionString())
        .isEqualTo("rediss://app:s3cret@cache:6380/2");
    assertThat(parse("redis://:s3cret@cache").connectionString())
        .isEqualTo("redis://:s3cret@cache:6379/0");
    assertThat(parse("redis://cache").connectionString()).isEqualTo("redis://cache:6379/0");
  }

  @Test
  void theConnectionStringEncodesTheCredentials() {
    assertThat(new RedisUrl(false, "cache", 6379, 0, null, "p:w@d").connectionString())
        .isEqualTo("redis://:p%3Aw%40d@cache:6379/0");
  }

  @Test
  void theDisplayFormNeverShowsTheCredentials() {
    RedisUrl url = parse("rediss://app:s3cret@cache:6380/2");

    assertThat(url.display()).isEqualTo("rediss://cache:6380/2");
    assertThat(url.toString()).isEqualTo(url.display());
  }

  @Test
  void aLocalServerIsTheLoopbackAddressWithoutCredentials() {
    assertThat(RedisUrl.local(34843))
        .isEqualTo(new RedisUrl(false, "127.0.0.1", 34843, 0, null, null));
  }
}
