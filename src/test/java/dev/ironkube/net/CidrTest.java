package dev.ironkube.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "NONE",
      value = {
        "203.0.113.7, 203.0.113.7/32",
        "10.0.0.7/24, 10.0.0.0/24",
        "10.244.0.0/16, 10.244.0.0/16",
        "0.0.0.0/0, 0.0.0.0/0",
        "' 10.1.2.3/8 ', 10.0.0.0/8",
        "2001:DB8::1, 2001:db8:0:0:0:0:0:1/128",
        "2001:db8::/32, 2001:db8:0:0:0:0:0:0/32",
        "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32",
        "10.0.0.0/33, NONE",
        "10.0.0.0/-1, NONE",
        "2001:db8::/129, NONE",
        "example.com/32, NONE",
        "localhost, NONE",
        "10.0.0/8, NONE",
        "10.1, NONE",
        "010.0.0.1, NONE",
        "256.0.0.1/32, NONE",
        "fe80::1%eth0/64, NONE",
        "1.2.3.4/x, NONE",
        "'', NONE"
      })
  void aFirewallReadsANetworkWithItsHostBitsClearedOrNotAtAll(String input, String expected) {
    assertThat(Cidr.parseMasking(input).map(Cidr::toString))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void settingsRefuseWhatAFirewallWouldQuietlyChange() {
    assertThat(Cidr.parse("10.244.0.0/16").toString()).isEqualTo("10.244.0.0/16");
    assertThat(Cidr.parse("203.0.113.7").toString()).isEqualTo("203.0.113.7/32");
    assertThat(Cidr.parse("2001:db8::/48").ipv6()).isTrue();
    assertThatThrownBy(() -> Cidr.parse("10.244.0.0/33"))
        .hasMessage("'10.244.0.0/33' has prefix length 33; it must be 0-32");
    assertThatThrownBy(() -> Cidr.parse("2001:db8::/200"))
        .hasMessage("'2001:db8::/200' has prefix length 200; it must be 0-128");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.7/24"))
        .hasMessage("'10.0.0.7/24' has host bits set after /24; use the network address");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x"))
        .hasMessage("'10.0.0.0/x' has a prefix length that is not a number");
    assertThatThrownBy(() -> Cidr.parse("cluster.example.com/32"))
        .hasMessage(
            "'cluster.example.com/32' is not an IP network; write it like 203.0.113.7/32 or"
                + " 10.244.0.0/16");
  }

  @Test
  void aNetworkContainsTheAddressesOfItsFamilyThatShareItsPrefix() throws Exception {
    Cidr v4 = Cidr.parse("10.244.0.0/14");
    assertThat(v4.contains(InetAddress.getByName("10.247.255.255"))).isTrue();
    assertThat(v4.contains(InetAddress.getByName("10.248.0.0"))).isFalse();
    assertThat(v4.contains(InetAddress.getByName("::a:f400:0"))).isFalse();
    Cidr v6 = Cidr.parse("2001:db8::/33");
    assertThat(v6.contains(InetAddress.getByName("2001:db8:7fff::1"))).isTrue();
    assertThat(v6.contains(InetAddress.getByName("2001:db8:8000::1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("192.0.2.1"))).isTrue();
    assertThat(Cidr.host(InetAddress.getByName("192.0.2.1")).toString()).isEqualTo("192.0.2.1/32");
  }

  @Test
  void hostNamesAreNeverResolvedNorAccepted() {
    assertThat(Cidr.ipLiteral("localhost")).isEmpty();
    assertThat(Cidr.ipLiteral("deadbeef")).isEmpty();
    assertThat(Cidr.host("2001:db8::5").map(Cidr::toString)).contains("2001:db8:0:0:0:0:0:5/128");
  }

  @Test
  void theConstructorKeepsTheValueCanonical() throws Exception {
    InetAddress host = InetAddress.getByName("10.0.0.7");
    assertThatThrownBy(() -> new Cidr(host, 24)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Cidr(host, 33)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Cidr.parse("10.0.0.0/24")).isEqualTo(Cidr.parseMasking("10.0.0.7/24").orElseThrow());
  }
}
