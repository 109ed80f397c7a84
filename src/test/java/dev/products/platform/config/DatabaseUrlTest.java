package dev.products.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  private static DatabaseUrl parse(String value) {
    return DatabaseUrl.parse("DATABASE_URL", value);
  }

  @Test
  void everyPartIsReadFromTheUrl() {
    DatabaseUrl url = parse("postgresql://app:s3cret@db.example.com:6432/products?sslmode=require");

    assertThat(url)
        .isEqualTo(
            new DatabaseUrl("db.example.com", 6432, "products", "app", "s3cret", SslMode.REQUIRE));
  }

  @Test
  void portUserPasswordAndTlsHaveDefaults() {
    assertThat(parse("postgresql://db/products"))
        .isEqualTo(new DatabaseUrl("db", 5432, "products", "postgres", null, SslMode.DISABLE));
  }

  @Test
  void thePostgresSchemeIsTheSame() {
    assertThat(parse("postgres://db/products").database()).isEqualTo("products");
  }

  @Test
  void surroundingSpaceIsIgnored() {
    assertThat(parse("  postgresql://db/products \n").host()).isEqualTo("db");
  }

  @Test
  void percentEncodedCredentialsAreDecoded() {
    DatabaseUrl url = parse("postgresql://a%40b:p%3Aw%2Fd%25@db/products");

    assertThat(url.user()).isEqualTo("a@b");
    assertThat(url.password()).isEqualTo("p:w/d%");
  }

  @Test
  void aPlusInTheCredentialsIsAPlus() {
    DatabaseUrl url = parse("postgresql://app+1:a+b@db/products");

    assertThat(url.user()).isEqualTo("app+1");
    assertThat(url.password()).isEqualTo("a+b");
  }

  @Test
  void aUserWithoutPasswordHasNone() {
    assertThat(parse("postgresql://app@db/products").password()).isNull();
  }

  @Test
  void theSslModeIsReadCaseInsensitivelyAmongOtherParameters() {
    assertThat(parse("postgresql://db/products?application_name=x&sslmode=VERIFY-FULL").sslMode())
        .isEqualTo(SslMode.VERIFY_FULL);
  }

  @Test
  void anUnknownSslModeNamesTheKey() {
    assertThatThrownBy(() -> parse("postgresql://db/products?sslmode=sometimes"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DATABASE_URL: unknown sslmode sometimes");
  }

  @Test
  void anotherSchemeIsRefusedNamingIt() {
    assertThatThrownBy(() -> parse("mysql://db/products"))
        .hasMessage("DATABASE_URL: scheme must be postgresql://, got mysql://");
    assertThatThrownBy(() -> parse("db/products"))
        .hasMessage("DATABASE_URL: scheme must be postgresql://, got none");
  }

  @Test
  void aUrlWithoutHostIsRefused() {
    assertThatThrownBy(() -> parse("postgresql:///products"))
        .hasMessageStartingWith("DATABASE_URL: no host;");
  }

  @Test
  void aUrlWithoutOrWithANestedDatabaseNameIsRefused() {
    assertThatThrownBy(() -> parse("postgresql://db/"))
        .hasMessageStartingWith("DATABASE_URL: no database name;");
    assertThatThrownBy(() -> parse("postgresql://db/a/b"))
        .hasMessageStartingWith("DATABASE_URL: no database name;");
  }

  @Test
  void somethingThatIsNoUrlIsRefusedWithTheExpectedForm() {
    assertThatThrownBy(() -> parse("postgresql://db/pro ducts"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DATABASE_URL: not a URL (")
        .hasMessageEndingWith("); expected postgresql://user:password@host:port/database");
  }

  @Test
  void theJdbcUrlCarriesNoCredentials() {
    assertThat(parse("postgresql://app:s3cret@db:6432/products?sslmode=verify-ca").jdbcUrl())
        .isEqualTo("jdbc:postgresql://db:6432/products?sslmode=verify-ca");
  }

  @Test
  void theUriEncodesTheCredentialsSoItParsesBackToTheSame() {
    DatabaseUrl url = new DatabaseUrl("db", 5432, "products", "a@b c", "p:w/d+%", SslMode.PREFER);

    assertThat(url.toUri())
        .isEqualTo("postgresql://a%40b%20c:p%3Aw%2Fd%2B%25@db:5432/products?sslmode=prefer");
    assertThat(parse(url.toUri())).isEqualTo(url);
  }

  @Test
  void theDisplayFormNeverShowsThePassword() {
    DatabaseUrl url = parse("postgresql://app:s3cret@db/products");

    assertThat(url.display()).isEqualTo("postgresql://app@db:5432/products");
    assertThat(url.toString()).isEqualTo(url.display());
  }

  @Test
  void aLocalServerIsLocalhostWithoutPasswordOrTls() {
    assertThat(DatabaseUrl.local(35657, "postgres", "postgres"))
        .isEqualTo(
            new DatabaseUrl("localhost", 35657, "postgres", "postgres", null, SslMode.DISABLE));
  }

  @Test
  void theConnectOptionsCarryEveryPart() {
    PgConnectOptions options =
        parse("postgresql://app:s3cret@db:6432/products?sslmode=verify-full").connectOptions();

    assertThat(options.getHost()).isEqualTo("db");
    assertThat(options.getPort()).isEqualTo(6432);
    assertThat(options.getDatabase()).isEqualTo("products");
    assertThat(options.getUser()).isEqualTo("app");
    assertThat(options.getPassword()).isEqualTo("s3cret");
    assertThat(options.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
  }

  @Test
  void modesThatEncryptWithoutVerifyingTrustAnyCertificate() {
    assertThat(parse("postgresql://db/p?sslmode=require").connectOptions().getSslOptions())
        .satisfies(ssl -> assertThat(ssl.isTrustAll()).isTrue());
  }

  @Test
  void verifyingModesDoNotTrustAnyCertificate() {
    assertThat(parse("postgresql://db/p?sslmode=verify-full").connectOptions().getSslOptions())
        .satisfiesAnyOf(
            ssl -> assertThat(ssl).isNull(), ssl -> assertThat(ssl.isTrustAll()).isFalse());
  }
}
