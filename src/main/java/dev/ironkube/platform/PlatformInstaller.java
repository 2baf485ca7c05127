package dev.ironkube.platform;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.time.Sleeper;
import dev.ironkube.workflow.Progress;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs the platform on a fresh cluster through the Kubernetes API alone: each component's
 * objects are applied idempotently (see {@link KubeApplier}), then its workloads are awaited, one
 * progress step per component. Re-running over an installed platform writes nothing.
 */
public final class PlatformInstaller {
  private final KubernetesClient client;
  private final PlatformSpec spec;
  private final ManifestSource source;
  private final Progress progress;
  private final Clock clock;
  private final Sleeper sleeper;
  private final InstallTimeouts timeouts;

  public PlatformInstaller(
      KubeConnection kube,
      PlatformSpec spec,
      ManifestSource source,
      Progress progress,
      Clock clock,
      Sleeper sleeper,
      InstallTimeouts timeouts) {
    this.client = kube.client();
    this.spec = spec;
    this.source = source;
    this.progress = progress;
    this.clock = clock;
    this.sleeper = sleeper;
    this.timeouts = timeouts;
  }

  /**
   * @param nodeIp the address the report's URLs use (the node's public IP)
   * @param key the provider key to store in Vault and the cto namespace, if any
   * @param showArgoCdPassword read the initial admin password into the report; off by default
   *     because the report may end up in logs
   */
  public PlatformReport install(
      String nodeIp, Optional<ProviderKey> key, boolean showArgoCdPassword) {
    KubeApplier applier = new KubeApplier(client);
    ComponentWait wait = new ComponentWait(applier, client, clock, sleeper);
    int written = 0;
    for (Component c : PlatformPlan.components(spec, source, key)) {
      Progress.Step step = progress.step("Installing " + c.title());
      try {
        Map<KubeApplier.Outcome, Integer> outcomes = applyAll(applier, c);
        written += changed(outcomes);
        wait.untilReady(c, timeouts.forComponent(c), timeouts.poll(), step);
        step.done(summary(outcomes));
      } catch (RuntimeException e) {
        step.fail(e.getMessage());
        throw e;
      }
    }
    return report(nodeIp, showArgoCdPassword, written);
  }

  private Map<KubeApplier.Outcome, Integer> applyAll(KubeApplier applier, Component c) {
    Map<KubeApplier.Outcome, Integer> outcomes = new EnumMap<>(KubeApplier.Outcome.class);
    for (Manifest m : c.manifests()) {
      try {
        outcomes.merge(applier.apply(m, c.createOnly()), 1, Integer::sum);
      } catch (KubernetesClientException e) {
        throw new OperationFailedException(
            c.title()
                + " (namespace "
                + c.namespace()
                + "): applying "
                + m.id()
                + " failed: "
                + Optional.ofNullable(e.getStatus())
                    .map(s -> s.getMessage())
                    .orElse(e.getMessage()),
            "check that the API server is reachable and run again",
            ExitCodes.PROVISION_FAILED,
            e);
      }
    }
    return outcomes;
  }

  private static int changed(Map<KubeApplier.Outcome, Integer> outcomes) {
    int n = 0;
    for (var e : outcomes.entrySet()) {
      if (e.getKey() != KubeApplier.Outcome.UNCHANGED) {
        n += e.getValue();
      }
    }
    return n;
  }

  private static String summary(Map<KubeApplier.Outcome, Integer> outcomes) {
    List<String> parts =
        outcomes.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
            .toList();
    return "ready (" + String.join(", ", parts) + ")";
  }

  private PlatformReport report(String nodeIp, boolean showPassword, int written) {
    String host = nodeIp.contains(":") ? "[" + nodeIp + "]" : nodeIp;
    Optional<String> password = showPassword ? readArgoCdPassword() : Optional.empty();
    return new PlatformReport(
        "https://" + host + ":" + spec.argoCdHttpsNodePort(),
        "admin",
        "Secret "
            + PlatformSpec.ARGOCD_NAMESPACE
            + "/"
            + PlatformReport.ARGOCD_PASSWORD_SECRET
            + ", key password",
        password,
        "http://" + host + ":" + spec.vaultNodePort(),
        "dev mode, in-memory; root token in Secret "
            + PlatformSpec.CTO_NAMESPACE
            + "/"
            + ProviderSecretManifests.TOKEN_SECRET,
        "https://" + host + ":" + spec.argoWorkflowsNodePort(),
        written);
  }

  /** Argo CD writes the Secret on first start; it may be gone once the password was changed. */
  private Optional<String> readArgoCdPassword() {
    Secret secret =
        client
            .secrets()
            .inNamespace(PlatformSpec.ARGOCD_NAMESPACE)
            .withName(PlatformReport.ARGOCD_PASSWORD_SECRET)
            .get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey("password")) {
      return Optional.empty();
    }
    byte[] raw = Base64.getDecoder().decode(secret.getData().get("password"));
    return Optional.of(new String(raw, StandardCharsets.UTF_8));
  }
}
