package dev.ironkube.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.settings.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The spec, manifest source and provider key the platform tests share; no network involved. */
final class PlatformFixtures {
  static final ProviderKey KEY =
      new ProviderKey("latitude", Secret.of("lat_test_key_not_real_0000"));

  private PlatformFixtures() {}

  /** Answers the pinned Argo CD URL with the small sample manifest written for the tests. */
  static ManifestSource sampleSource(PlatformSpec spec) {
    return url -> {
      assertThat(url.toString()).isEqualTo(spec.argoCdManifestUrl());
      try (InputStream in =
          PlatformFixtures.class.getResourceAsStream(
              "/dev/ironkube/sim/platform/argocd-install.yaml")) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  static List<Component> plan(PlatformSpec spec) {
    return PlatformPlan.components(spec, sampleSource(spec), Optional.of(KEY));
  }
}
