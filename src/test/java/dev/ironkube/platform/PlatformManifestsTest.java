package dev.ironkube.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformManifestsTest {
  /** apiVersion and kind pairs a Talos 1.11 cluster serves once Argo CD's and VSO's CRDs exist. */
  private static final Set<String> KNOWN =
      Set.of(
          "v1 Namespace",
          "v1 ServiceAccount",
          "v1 ConfigMap",
          "v1 Secret",
          "v1 Service",
          "apps/v1 Deployment",
          "apps/v1 StatefulSet",
          "batch/v1 Job",
          "rbac.authorization.k8s.io/v1 Role",
          "rbac.authorization.k8s.io/v1 RoleBinding",
          "rbac.authorization.k8s.io/v1 ClusterRole",
          "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
          "storage.k8s.io/v1 StorageClass",
          "networking.k8s.io/v1 NetworkPolicy",
          "apiextensions.k8s.io/v1 CustomResourceDefinition",
          "argoproj.io/v1alpha1 Application",
          "secrets.hashicorp.com/v1beta1 VaultConnection",
          "secrets.hashicorp.com/v1beta1 VaultAuth",
          "secrets.hashicorp.com/v1beta1 VaultStaticSecret");

  private static final String DNS_NAME = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";

  @Test
  void everyRenderedObjectIsAValidObjectInTheRightNamespace() {
    for (PlatformSpec spec : List.of(PlatformSpec.defaults(), withOperator())) {
      Set<String> seen = new HashSet<>();
      for (Component c : PlatformFixtures.plan(spec)) {
        assertThat(c.manifests()).as(c.title()).isNotEmpty();
        assertThat(c.readiness()).as(c.title()).isNotEmpty();
        for (Manifest m : c.manifests()) {
          assertThat(KNOWN).as(m.id()).contains(m.apiVersion() + " " + m.kind());
          assertThat(m.name()).as(m.id()).matches(DNS_NAME);
          assertThat(seen.add(m.id())).as("duplicate %s", m.id()).isTrue();
          if (ClusterScope.isClusterScoped(m.kind())) {
            assertThat(m.namespace()).as(m.id()).isEmpty();
          } else {
            String expected = m.kind().equals("Application") ? "argocd" : c.namespace();
            assertThat(m.namespace()).as(m.id()).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void namespacesComeBeforeWhatTheyHold() {
    for (Component c : PlatformFixtures.plan(withOperator())) {
      Set<String> created = new HashSet<>(Set.of("kube-system", "argocd"));
      c.manifests().stream()
          .filter(m -> m.kind().equals("Namespace"))
          .forEach(m -> assertThat(c.manifests().indexOf(m)).as(m.id()).isZero());
      created.add(c.namespace());
      c.manifests()
          .forEach(
              m -> assertThat(m.namespace().isEmpty() || created.contains(m.namespace())).isTrue());
    }
  }

  @Test
  void ciliumFollowsTheTalosDocsAndFitsInAnInlineManifest() {
    Map<String, String> inline = CiliumManifests.inlineManifests(PlatformSpec.defaults());
    assertThat(inline).containsOnlyKeys(CiliumManifests.INLINE_NAME);
    String yaml = inline.get(CiliumManifests.INLINE_NAME);
    assertThat(yaml)
        .contains("--set=kubeProxyReplacement=true")
        .contains("--set=k8sServiceHost=localhost")
        .contains("--set=k8sServicePort=7445")
        .contains("--set=cgroup.autoMount.enabled=false")
        .contains("--set=cgroup.hostRoot=/sys/fs/cgroup")
        .contains("--version=1.18.12")
        .doesNotContain("SYS_MODULE");
    assertThat(Manifests.parse(yaml)).hasSize(3);
    assertThat(yaml.length()).isLessThan(8 * 1024);
  }

  /**
   * cilium/cilium#46010: 1.19 with kube-proxy replacement kills Talos host networking; no 1.19
   * patch is known to fix it, so the default stays on the 1.18 line.
   */
  @Test
  void ciliumStaysOffTheLineThatBreaksTalosHostNetworking() {
    assertThat(PlatformSpec.defaults().ciliumVersion()).startsWith("1.18.");
  }

  /**
   * 5dlabs/cto publishes only its orchestrator chart (helm-publish.yaml), and has no mcp-server
   * chart: the team's charts come from Git, at the chart folders that exist, pinned to a commit.
   */
  @Test
  void theTeamsChartsComeFromTheirGitFoldersAtAPinnedCommit() {
    PlatformSpec spec = PlatformSpec.defaults();
    assertThat(List.of(spec.controller(), spec.mcpServer()))
        .allSatisfy(
            c -> {
              assertThat(c.isHelmRepository()).isFalse();
              assertThat(c.repoUrl()).isEqualTo("https://github.com/5dlabs/cto.git");
              assertThat(c.version()).matches("[0-9a-f]{40}");
            });
    assertThat(spec.controller().path()).isEqualTo("infra/charts/controller");
    assertThat(spec.mcpServer().path()).isEqualTo("infra/charts/tools");
  }

  @Test
  void localPathIsTheDefaultClassOnAWritableTalosPathInAPrivilegedNamespace() {
    List<Manifest> m = LocalPathManifests.render(PlatformSpec.defaults());
    String yaml = Manifests.toYaml(m);
    assertThat(yaml)
        .contains("pod-security.kubernetes.io/enforce: privileged")
        .contains("storageclass.kubernetes.io/is-default-class: \"true\"")
        .contains("/var/local-path-provisioner")
        .doesNotContain("/opt/local-path-provisioner");
  }

  @Test
  void argoCdServerIsANodePortAndEveryNamespacedObjectIsInArgocd() {
    PlatformSpec spec = PlatformSpec.defaults();
    Manifest server =
        PlatformFixtures.plan(spec).get(2).manifests().stream()
            .filter(m -> m.kind().equals("Service") && m.name().equals("argocd-server"))
            .findFirst()
            .orElseThrow();
    assertThat(server.json().path("spec").path("type").asText()).isEqualTo("NodePort");
    assertThat(server.json().path("spec").path("ports").findValuesAsText("nodePort"))
        .containsExactly("30080", "30443");
  }

  @Test
  void renderedManifestsMatchTheGoldenFiles() {
    List<Component> plan = PlatformFixtures.plan(PlatformSpec.defaults());
    Golden.assertMatches("cilium.yaml", Manifests.toYaml(plan.get(0).manifests()));
    Golden.assertMatches("local-path-provisioner.yaml", Manifests.toYaml(plan.get(1).manifests()));
    Golden.assertMatches("argocd-from-sample.yaml", Manifests.toYaml(plan.get(2).manifests()));
    Golden.assertMatches(
        "applications.yaml",
        Manifests.toYaml(
            plan.stream()
                .flatMap(c -> c.manifests().stream())
                .filter(m -> m.kind().equals("Application"))
                .toList()));
    Golden.assertMatches(
        "provider-secret.yaml", Manifests.toYaml(plan.get(plan.size() - 1).manifests()));
    List<Component> vso = PlatformFixtures.plan(withOperator());
    Golden.assertMatches(
        "provider-secret-vso.yaml", Manifests.toYaml(vso.get(vso.size() - 1).manifests()));
  }

  private static PlatformSpec withOperator() {
    return PlatformSpecMapper.fromMap(
        Map.of(
            "vault.secretsOperator", "true",
            "addons.podinfo.repo", "https://stefanprodan.github.io/podinfo",
            "addons.podinfo.chart", "podinfo",
            "addons.podinfo.version", "6.9.2",
            "addons.podinfo.values", "replicaCount: 2"));
  }
}
