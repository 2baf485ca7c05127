package dev.ironkube.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform stack, every version pinned here and nowhere else. {@link #defaults()} reproduces
 * the CTO stack of the Latitude design; {@link PlatformSpecMapper} overrides any field from flat
 * settings keys.
 *
 * <p>Every coordinate below was checked against its upstream source (repository, tag or commit,
 * path), named next to it; check the same source, and the Talos release's support matrix, before
 * bumping one.
 */
public record PlatformSpec(
    String ciliumVersion,
    String ciliumCliImage,
    String localPathVersion,
    String localPathHostPath,
    String argoCdVersion,
    int argoCdHttpNodePort,
    int argoCdHttpsNodePort,
    ChartRef argoWorkflows,
    int argoWorkflowsNodePort,
    ChartRef vault,
    int vaultNodePort,
    String vaultImage,
    boolean vaultSecretsOperator,
    ChartRef vaultSecretsOperatorChart,
    ChartRef controller,
    ChartRef mcpServer,
    List<ChartRef> addOns) {

  /** Where the provider secret lands: the design's {@code cto} namespace. */
  public static final String CTO_NAMESPACE = "cto";

  public static final String ARGOCD_NAMESPACE = "argocd";

  public PlatformSpec {
    addOns = List.copyOf(addOns);
  }

  /**
   * Cilium 1.18, not 1.19: cilium/cilium#46010 (closed, labelled affects/v1.19) reports that Cilium
   * 1.19.3 and 1.19.4 with kubeProxyReplacement=true (our setting, from the Talos docs) kill a
   * Talos node's host networking while the agent sets up its devices, and that KubePrism (our
   * k8sServiceHost localhost:7445) becomes unreachable; the reporters recovered by going back to
   * 1.18.9/1.18.10. The stored sources show no 1.19 patch named as the fix, so ironkube stays on
   * the newest 1.18 patch: 1.18.12 in the Helm repository's index (cilium/charts@009b5e95
   * index.yaml, cilium-1.18.12.tgz; the 1.18 line is still maintained). Move to 1.19 or 1.20 only
   * with a release note that names #46010.
   */
  static final String CILIUM_VERSION = "1.18.12";

  public static PlatformSpec defaults() {
    // argoproj/argo-helm tag argo-workflows-1.0.18 (4f4cc4f9), charts/argo-workflows/Chart.yaml:
    // version 1.0.18, appVersion v4.0.6; published at the argo-helm GitHub Pages repository.
    String argoHelm = "https://argoproj.github.io/argo-helm";
    String hashicorp = "https://helm.releases.hashicorp.com";
    // The team's charts are not in a Helm repository: 5dlabs/cto's .github/workflows/
    // helm-publish.yaml (35b2d898) packages only infra/charts/orchestrator, to
    // 5dlabs.github.io/platform; nothing publishes controller or tools, and there is no
    // mcp-server chart. Argo CD takes them from Git, each at the commit its Chart.yaml was read.
    String ctoGit = "https://github.com/5dlabs/cto.git";
    int workflowsPort = 32746;
    int vaultPort = 30820;
    return new PlatformSpec(
        CILIUM_VERSION,
        // cilium/cilium-cli tag v0.19.7 (0daca0bc); .github/workflows/images-release.yaml pushes
        // quay.io/cilium/cilium-cli:<tag> for each release tag.
        "quay.io/cilium/cilium-cli:v0.19.7",
        // rancher/local-path-provisioner tag v0.0.37 (49b2be8e),
        // deploy/chart/local-path-provisioner/Chart.yaml appVersion v0.0.37.
        "v0.0.37",
        "/var/local-path-provisioner",
        // argoproj/argo-cd release v3.4.9 (published 2026-09-14, the newest 3.4 patch; its notes
        // give manifests/install.yaml at that tag as the install). The stored mirror of
        // argoproj/argo-cd ends at v3.4.7 (Aug 2026), so the tag itself is checked from the
        // release notes, not from a clone.
        "v3.4.9",
        30080,
        30443,
        ChartRef.helm("argo-workflows", argoHelm, "argo-workflows", "1.0.18", "argo")
            .withValues(
                Map.of(
                    "crds", Map.of("install", true),
                    "server",
                        Map.of(
                            "serviceType",
                            "NodePort",
                            "serviceNodePort",
                            workflowsPort,
                            "authModes",
                            List.of("server")))),
        workflowsPort,
        // hashicorp/vault-helm tag v0.34.1 (aa1c92e4), Chart.yaml version 0.34.1, appVersion 2.0.4;
        // values.yaml server.image tag 2.0.4.
        ChartRef.helm("vault", hashicorp, "vault", "0.34.1", "vault")
            .withValues(
                Map.of(
                    "server", Map.of("dev", Map.of("enabled", true, "devRootToken", "root")),
                    "ui",
                        Map.of(
                            "enabled",
                            true,
                            "serviceType",
                            "NodePort",
                            "serviceNodePort",
                            vaultPort))),
        vaultPort,
        "hashicorp/vault:2.0.4",
        false,
        // hashicorp/vault-secrets-operator tag v1.4.1 (9b840a5a), chart/Chart.yaml version 1.4.1.
        ChartRef.helm(
            "vault-secrets-operator",
            hashicorp,
            "vault-secrets-operator",
            "1.4.1",
            "vault-secrets-operator-system"),
        // 5dlabs/cto@64bb66471e2a10af1ebe82b7960b74d6abd5a446 infra/charts/controller/Chart.yaml:
        // chart controller, version 0.1.1.
        ChartRef.git(
            "cto-controller",
            ctoGit,
            "infra/charts/controller",
            "64bb66471e2a10af1ebe82b7960b74d6abd5a446",
            CTO_NAMESPACE),
        // The MCP server is the tools chart ("Dynamic MCP tool management and proxy server"):
        // 5dlabs/cto@2ec8681c3843dae1e646ef8fbcc9313382250371 infra/charts/tools/Chart.yaml,
        // version 1.2.0.
        ChartRef.git(
            "cto-mcp-server",
            ctoGit,
            "infra/charts/tools",
            "2ec8681c3843dae1e646ef8fbcc9313382250371",
            CTO_NAMESPACE),
        List.of());
  }

  /** The Argo CD install manifest at the pinned tag; fetched by the real run only. */
  public String argoCdManifestUrl() {
    return "https://raw.githubusercontent.com/argoproj/argo-cd/"
        + argoCdVersion
        + "/manifests/install.yaml";
  }

  /** The Argo CD Applications, in install order. */
  public List<ChartRef> applications() {
    List<ChartRef> apps = new ArrayList<>();
    apps.add(argoWorkflows);
    apps.add(vault);
    if (vaultSecretsOperator) {
      apps.add(vaultSecretsOperatorChart);
    }
    apps.add(controller);
    apps.add(mcpServer);
    apps.addAll(addOns);
    return apps;
  }
}
