package dev.ironkube.workflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironkube.workflow.upgrade.KubernetesImages.Component;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Image patches as talosctl upgrade-k8s makes them (siderolabs/talos v1.13.9
 * pkg/cluster/kubernetes/talos_managed.go, upgradeStaticPodPatcher and patchKubeProxy): only the
 * tag of one image in the v1alpha1 document changes; the repository and the other documents stay.
 */
class KubernetesImagesTest {
  private static final String CONFIG =
      """
      version: v1alpha1
      machine:
        type: controlplane
        kubelet:
          image: ghcr.io/siderolabs/kubelet:v1.36.3
      cluster:
        apiServer:
          image: mirror.example/k8s/kube-apiserver:v1.36.3
        proxy:
          disabled: true
          image: registry.k8s.io/kube-proxy:v1.36.3
        inlineManifests:
          - name: cilium
            contents: |
              apiVersion: v1
              kind: Namespace
      ---
      apiVersion: v1alpha1
      kind: HostnameConfig
      hostname: cp-1
      """;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsVersionsAndTheProxySwitch() {
    assertThat(KubernetesImages.version(bytes(CONFIG), Component.KUBELET)).contains("1.36.3");
    assertThat(KubernetesImages.version(bytes(CONFIG), Component.API_SERVER)).contains("1.36.3");
    assertThat(KubernetesImages.version(bytes(CONFIG), Component.SCHEDULER)).isEmpty();
    assertThat(KubernetesImages.proxyEnabled(bytes(CONFIG))).isFalse();
  }

  @Test
  void replacesOneTagKeepingTheRepositoryAndTheOtherDocuments() {
    String out =
        new String(
            KubernetesImages.withVersion(bytes(CONFIG), Component.API_SERVER, "1.37.1"),
            StandardCharsets.UTF_8);
    assertThat(out)
        .contains("image: mirror.example/k8s/kube-apiserver:v1.37.1")
        .contains("image: ghcr.io/siderolabs/kubelet:v1.36.3")
        .contains("kind: HostnameConfig")
        .contains("kind: Namespace");
    assertThat(KubernetesImages.version(bytes(out), Component.API_SERVER)).contains("1.37.1");
  }

  @Test
  void anImageTheConfigDoesNotNameGetsTalosDefaultRepository() {
    String out =
        new String(
            KubernetesImages.withVersion(bytes(CONFIG), Component.SCHEDULER, "1.37.1"),
            StandardCharsets.UTF_8);
    assertThat(out).contains("image: registry.k8s.io/kube-scheduler:v1.37.1");
  }
}
