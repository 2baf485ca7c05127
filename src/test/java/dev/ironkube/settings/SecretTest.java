package dev.ironkube.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.platform.ProviderKey;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A credential never shows itself by accident; only reveal() gives the value. */
class SecretTest {
  private static final String KEY = "lat_0123456789abcdef";

  @Test
  void printingConcatenatingOrFormattingShowsStars() {
    Secret s = Secret.of(KEY);
    assertThat(s.toString()).isEqualTo("***");
    assertThat("key: " + s).isEqualTo("key: ***");
    assertThat("%s".formatted(s)).isEqualTo("***");
    assertThat(String.valueOf(Optional.of(s))).doesNotContain(KEY);
    assertThat(Map.of("apiKey", s).toString()).doesNotContain(KEY);
    assertThat(new ProviderKey("latitude", s).toString()).doesNotContain(KEY).contains("***");
  }

  @Test
  void revealGivesTheValueAndStripDropsSurroundingWhiteSpace() {
    assertThat(Secret.of(KEY).reveal()).isEqualTo(KEY);
    assertThat(Secret.of(" " + KEY + "\n").strip().reveal()).isEqualTo(KEY);
    assertThat(Secret.of(" \n").isBlank()).isTrue();
    assertThat(Secret.of(KEY).isBlank()).isFalse();
  }

  @Test
  void equalByValue() {
    assertThat(Secret.of(KEY)).isEqualTo(Secret.of(KEY)).hasSameHashCodeAs(Secret.of(KEY));
    assertThat(Secret.of(KEY)).isNotEqualTo(Secret.of(KEY + "x")).isNotEqualTo(KEY);
  }

  @Test
  void settingsHandSecretsOutRedacted() {
    Settings s = Settings.defaults().with(SettingsCatalogue.LATITUDE_API_KEY, KEY, Source.FLAG);
    assertThat(s.secret(SettingsCatalogue.LATITUDE_API_KEY).map(Secret::reveal)).contains(KEY);
    assertThat(s.secret(SettingsCatalogue.LATITUDE_API_KEY).orElseThrow().toString())
        .isEqualTo("***");
  }
}
