package dev.ironkube.talos.config;

import dev.ironkube.talos.pki.CertAndKey;
import dev.ironkube.talos.pki.SecretsBundle;
import dev.ironkube.talos.pki.TalosPem;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The v1alpha1 {@code cluster} section; workers get only what they need to join. */
final class ClusterSection {
  private ClusterSection() {}

  static Yaml build(
      TalosVersion version, MachineConfigInput in, SecretsBundle secrets, String kubernetes) {
    boolean controlPlane = in.role() == NodeRole.CONTROLPLANE;
    Yaml cluster =
        Yaml.map()
            .with("id", secrets.clusterId())
            .with("secret", secrets.clusterSecret())
            .with("controlPlane", Yaml.map().with("endpoint", in.endpoint()))
            .with("clusterName", in.clusterName())
            .with(
                "network",
                Yaml.map()
                    // The CNI (Cilium) is installed by ironkube itself, through inlineManifests.
                    .with("cni", Yaml.map().with("name", "none"))
                    .with("dnsDomain", "cluster.local")
                    .with("podSubnets", in.podSubnets())
                    .with("serviceSubnets", in.serviceSubnets()))
            .with("token", secrets.bootstrapToken());
    if (!controlPlane) {
      return cluster.with("ca", pair(secrets.kubernetes(), false)).with("discovery", discovery());
    }
    cluster
        .with("secretboxEncryptionSecret", secrets.secretboxEncryptionSecret())
        .with("ca", pair(secrets.kubernetes(), true))
        .with("aggregatorCA", pair(secrets.kubernetesAggregator(), true))
        .with(
            "serviceAccount",
            Yaml.map()
                .with("key", TalosPem.base64(TalosPem.privateKey(secrets.serviceAccountKey()))))
        .with("apiServer", apiServer(version, in, kubernetes))
        .with(
            "controllerManager",
            Yaml.map().with("image", "registry.k8s.io/kube-controller-manager:v" + kubernetes))
        // Cilium replaces kube-proxy, so Talos must not deploy it.
        .with(
            "proxy",
            Yaml.map()
                .with("disabled", true)
                .with("image", "registry.k8s.io/kube-proxy:v" + kubernetes))
        .with(
            "scheduler", Yaml.map().with("image", "registry.k8s.io/kube-scheduler:v" + kubernetes))
        .with("discovery", discovery())
        .with("etcd", Yaml.map().with("ca", pair(secrets.etcd(), true)))
        // Small clusters run workloads on their control planes.
        .with("allowSchedulingOnControlPlanes", true);
    if (!in.inlineManifests().isEmpty()) {
      List<Yaml> manifests = new ArrayList<>();
      in.inlineManifests()
          .forEach(
              m -> manifests.add(Yaml.map().with("name", m.name()).with("contents", m.contents())));
      cluster.with("inlineManifests", manifests);
    }
    return cluster;
  }

  private static Yaml apiServer(TalosVersion version, MachineConfigInput in, String kubernetes) {
    Set<String> sans = new LinkedHashSet<>();
    if (version.copiesEndpointIntoApiServerSans()) {
      sans.add(URI.create(in.endpoint()).getHost());
    }
    sans.addAll(in.certSans());
    return Yaml.map()
        .with("image", "registry.k8s.io/kube-apiserver:v" + kubernetes)
        .with("certSANs", List.copyOf(sans))
        .withIf(version.needsFeatureLockFields(), "disablePodSecurityPolicy", true)
        .with("admissionControl", List.of(podSecurity()))
        .with(
            "auditPolicy",
            Yaml.map()
                .with("apiVersion", "audit.k8s.io/v1")
                .with("kind", "Policy")
                .with("rules", List.of(Yaml.map().with("level", "Metadata"))));
  }

  /** The generator's PodSecurity posture: enforce baseline, audit and warn restricted. */
  private static Yaml podSecurity() {
    Yaml configuration =
        Yaml.map()
            .with("apiVersion", "pod-security.admission.config.k8s.io/v1alpha1")
            .with(
                "defaults",
                Yaml.map()
                    .with("audit", "restricted")
                    .with("audit-version", "latest")
                    .with("enforce", "baseline")
                    .with("enforce-version", "latest")
                    .with("warn", "restricted")
                    .with("warn-version", "latest"))
            .with(
                "exemptions",
                Yaml.map()
                    .with("namespaces", List.of("kube-system"))
                    .with("runtimeClasses", List.of())
                    .with("usernames", List.of()))
            .with("kind", "PodSecurityConfiguration");
    return Yaml.map().with("name", "PodSecurity").with("configuration", configuration);
  }

  private static Yaml discovery() {
    return Yaml.map()
        .with("enabled", true)
        .with(
            "registries",
            Yaml.map()
                .with("kubernetes", Yaml.map().with("disabled", true))
                .with("service", Yaml.map()));
  }

  private static Yaml pair(CertAndKey pair, boolean withKey) {
    return Yaml.map()
        .with("crt", TalosPem.base64(pair.certificatePem()))
        .with("key", withKey ? TalosPem.base64(pair.keyPem()) : "");
  }
}
