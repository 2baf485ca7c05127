package dev.ironkube.talos.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.sim.talos.SimArchives;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KubeconfigArchiveTest {
  @Test
  void findsTheKubeconfigFileAndNothingElse() throws Exception {
    byte[] payload = "apiVersion: v1\nkind: Config\n".repeat(40).getBytes(StandardCharsets.UTF_8);

    assertThat(KubeconfigArchive.extract(SimArchives.tarGz("kubeconfig", payload)))
        .contains(payload);
    assertThat(KubeconfigArchive.extract(SimArchives.tarGz("other", payload))).isEmpty();
  }
}
