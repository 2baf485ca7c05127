package dev.ironkube.platform;

import java.util.List;
import java.util.Map;

/**
 * The platform stack, every version pinned here and nowhere else. {@link #defaults()} reproduces
 * the CTO stack of the Latitude design; {@link PlatformSpecMapper} overrides any field from flat
 * settings keys.
 *
 * <p>Versions were current in the reference snapshots (mid-2026); check them against the Talos
 * release's support matrix before bumping.
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

  public static PlatformSpec defaults() {
    String argoHelm = "https://argoproj.github.io/argo-helm";
    String hashicorp = "https://helm.releases.hashicorp.com";
    // The team's charts; the coordinates were not in the design documents, so they are settings.
    String ctoCharts = "https://5dlabs.github.io/cto";
    int workflowsPort = 32746;
    int vaultPort = 30820;
    return new PlatformSpec(
        "1.19.1",
        "quay.io/cilium/cilium-cli:v0.19.0",
        "v0.0.37",
        "/var/local-path-provisioner",
        "v3.4.4",
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
        ChartRef.helm(
            "vault-secrets-operator",
            hashicorp,
            "vault-secrets-operator",
            "1.3.0",
            "vault-secrets-operator-system"),
        ChartRef.helm("cto-controller", ctoCharts, "controller", "0.1.0", CTO_NAMESPACE),
        ChartRef.helm("cto-mcp-server", ctoCharts, "mcp-server", "0.1.0", CTO_NAMESPACE),
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
    List<ChartRef> apps = new java.util.ArrayList<>();
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
