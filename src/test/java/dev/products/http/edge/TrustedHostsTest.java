package dev.products.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedHostsTest {

  private static TrustedHosts allowing(String... entries) {
    return new TrustedHosts(List.of(entries));
  }

  @Test
  void aNameAllowsThatHostOnAnyPort() {
    TrustedHosts hosts = allowing("example.com");

    assertThat(hosts.isAllowed("example.com")).isTrue();
    assertThat(hosts.isAllowed("example.com:8443")).isTrue();
  }

  @Test
  void aNameAllowsNoOtherHost() {
    TrustedHosts hosts = allowing("example.com");

    assertThat(hosts.isAllowed("evil.com")).isFalse();
    assertThat(hosts.isAllowed("example.com.evil.com")).isFalse();
    assertThat(hosts.isAllowed("api.example.com")).isFalse();
    assertThat(hosts.isAllowed("notexample.com")).isFalse();
  }

  @Test
  void aNameWithAPortAllowsThatPortOnly() {
    TrustedHosts hosts = allowing("example.com:8443");

    assertThat(hosts.isAllowed("example.com:8443")).isTrue();
    assertThat(hosts.isAllowed("example.com:443")).isFalse();
    assertThat(hosts.isAllowed("example.com")).isFalse();
  }

  @Test
  void hostsCompareCaseInsensitively() {
    assertThat(allowing("Example.COM").isAllowed("eXample.com:80")).isTrue();
    assertThat(allowing("*.Example.com").isAllowed("API.EXAMPLE.COM")).isTrue();
  }

  @Test
  void aWildcardAllowsEverySubdomainOnAnyPort() {
    TrustedHosts hosts = allowing("*.example.com");

    assertThat(hosts.isAllowed("api.example.com")).isTrue();
    assertThat(hosts.isAllowed("a.b.example.com:8443")).isTrue();
  }

  @Test
  void aWildcardDoesNotAllowTheParentDomainOrLookAlikes() {
    TrustedHosts hosts = allowing("*.example.com");

    assertThat(hosts.isAllowed("example.com")).isFalse();
    assertThat(hosts.isAllowed("badexample.com")).isFalse();
    assertThat(hosts.isAllowed("api.example.com.evil.com")).isFalse();
  }

  @Test
  void anyOfSeveralEntriesAllows() {
    TrustedHosts hosts = allowing("example.com", "example.org:8080");

    assertThat(hosts.isAllowed("example.com:1")).isTrue();
    assertThat(hosts.isAllowed("example.org:8080")).isTrue();
    assertThat(hosts.isAllowed("example.org:8081")).isFalse();
  }

  @Test
  void anIpv4AddressAllowsItOnAnyPort() {
    TrustedHosts hosts = allowing("10.0.0.5");

    assertThat(hosts.isAllowed("10.0.0.5")).isTrue();
    assertThat(hosts.isAllowed("10.0.0.5:8080")).isTrue();
    assertThat(hosts.isAllowed("10.0.0.6:8080")).isFalse();
  }

  @Test
  void anIpv6AddressInBracketsAllowsItOnAnyPort() {
    TrustedHosts hosts = allowing("[::1]");

    assertThat(hosts.isAllowed("[::1]")).isTrue();
    assertThat(hosts.isAllowed("[::1]:8080")).isTrue();
    assertThat(hosts.isAllowed("[::2]:8080")).isFalse();
  }

  @Test
  void anIpv6AddressWithAPortAllowsThatPortOnly() {
    TrustedHosts hosts = allowing("[2001:db8::1]:8443");

    assertThat(hosts.isAllowed("[2001:DB8::1]:8443")).isTrue();
    assertThat(hosts.isAllowed("[2001:db8::1]:443")).isFalse();
    assertThat(hosts.isAllowed("[2001:db8::1]")).isFalse();
  }

  @Test
  void anIpv6EntryWithoutBracketsMatchesNoHostHeader() {
    // A Host header always brackets an IPv6 address (RFC 3986 §3.2.2), so the entry must too.
    assertThat(allowing("::1").isAllowed("[::1]:8080")).isFalse();
  }

  @Test
  void surroundingSpaceInTheHeaderIsIgnored() {
    assertThat(allowing("example.com").isAllowed("  example.com:80 ")).isTrue();
  }

  @Test
  void aMissingOrBlankHostIsNotAllowed() {
    TrustedHosts hosts = allowing("example.com");

    assertThat(hosts.isAllowed(null)).isFalse();
    assertThat(hosts.isAllowed("")).isFalse();
    assertThat(hosts.isAllowed("   ")).isFalse();
  }

  @Test
  void userInfoOrASecondPortDoesNotSneakAHostPast() {
    TrustedHosts hosts = allowing("example.com");

    assertThat(hosts.isAllowed("evil.com@example.com")).isFalse();
    assertThat(hosts.isAllowed("example.com:80:80")).isFalse();
    assertThat(hosts.isAllowed("example.com@evil.com")).isFalse();
  }
}
