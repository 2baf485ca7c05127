package dev.ironkube.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMappingTest {

  @Test
  void defaults_cover_the_documented_names() {
    assertThat(SecretMapping.DEFAULTS)
        .containsEntry("LATITUDE_API_KEY", "secrets.latitude.apiKey")
        .containsEntry("CLOUDFLARE_API_TOKEN", "secrets.cloudflare.apiToken")
        .containsEntry("CLOUDFLARE_ZONE_ID", "spec.dns.zoneId")
        .containsEntry("SCW_SECRET_KEY", "secrets.scaleway.secretKey")
        .containsEntry("SCW_ACCESS_KEY", "spec.scaleway.accessKey");
  }

  @Test
  void parse_reads_name_equals_path_lists() {
    assertThat(
            SecretMapping.parse(" MY_TOKEN = secrets.cloudflare.apiToken ,ZONE=spec.dns.zoneId,"))
        .containsExactly(
            Map.entry("MY_TOKEN", "secrets.cloudflare.apiToken"),
            Map.entry("ZONE", "spec.dns.zoneId"));
    assertThat(SecretMapping.parse("")).isEmpty();
    assertThatThrownBy(() -> SecretMapping.parse("A=b,NOPE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'NOPE'");
    assertThatThrownBy(() -> SecretMapping.parse("=spec.plan"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_first_name_present_wins_and_user_names_beat_default_aliases() {
    SecretMapping mapping =
        SecretMapping.standard().with(SecretMapping.parse("MY_CF=secrets.cloudflare.apiToken"));

    Map<String, String> byPath =
        mapping.apply(
            Map.of(
                "CF_API_TOKEN", "alias-value",
                "CLOUDFLARE_API_TOKEN", "canonical-value",
                "MY_CF", "user-value",
                "UNMAPPED", "ignored",
                "CLOUDFLARE_ZONE_ID", "  "));

    assertThat(byPath)
        .containsEntry("secrets.cloudflare.apiToken", "user-value")
        .doesNotContainKey("spec.dns.zoneId")
        .doesNotContainValue("ignored");
    assertThat(
            SecretMapping.standard()
                .apply(Map.of("CF_API_TOKEN", "a", "CLOUDFLARE_API_TOKEN", "b")))
        .containsEntry("secrets.cloudflare.apiToken", "b");
    assertThat(mapping.toString()).doesNotContain("user-value");
  }
}
