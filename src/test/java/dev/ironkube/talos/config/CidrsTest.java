package dev.ironkube.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrsTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "NONE",
      value = {
        "203.0.113.7, 203.0.113.7/32",
        "10.0.0.7/24, 10.0.0.0/24",
        "10.244.0.0/16, 10.244.0.0/16",
        "0.0.0.0/0, 0.0.0.0/0",
        "2001:DB8::1, 2001:db8:0:0:0:0:0:1/128",
        "2001:db8::/32, 2001:db8:0:0:0:0:0:0/32",
        "10.0.0.0/33, NONE",
        "example.com/32, NONE",
        "10.0.0/8, NONE",
        "1.2.3.4/x, NONE"
      })
  void normalisesOrRejects(String input, String expected) {
    assertThat(Cidrs.normalise(input)).isEqualTo(Optional.ofNullable(expected));
  }
}
