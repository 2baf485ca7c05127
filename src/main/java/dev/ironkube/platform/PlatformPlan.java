package dev.ironkube.platform;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The components of the platform in install order: the CNI first (nothing schedules without it),
 * then storage (Vault and the team's charts claim volumes), Argo CD, the Applications it owns, and
 * last the provider secret, which needs Vault running.
 */
public final class PlatformPlan {
  private PlatformPlan() {}

  public static List<Component> components(
      PlatformSpec spec, ManifestSource source, Optional<ProviderKey> key) {
    String argoInstall = source.fetch(URI.create(spec.argoCdManifestUrl()));
    List<Component> plan = new ArrayList<>();
    plan.add(CiliumManifests.component(spec));
    plan.add(LocalPathManifests.component(spec));
    plan.add(ArgoCdManifests.component(spec, argoInstall));
    plan.add(ApplicationManifests.component("Argo Workflows", spec.argoWorkflows()));
    plan.add(ApplicationManifests.component("Vault", spec.vault()));
    if (spec.vaultSecretsOperator()) {
      plan.add(
          ApplicationManifests.component(
              "Vault Secrets Operator", spec.vaultSecretsOperatorChart()));
    }
    plan.add(ApplicationManifests.component("CTO controller", spec.controller()));
    plan.add(ApplicationManifests.component("MCP server", spec.mcpServer()));
    for (ChartRef addOn : spec.addOns()) {
      plan.add(ApplicationManifests.component("Add-on " + addOn.name(), addOn));
    }
    key.ifPresent(k -> plan.add(ProviderSecretManifests.component(spec, k)));
    return plan;
  }
}
