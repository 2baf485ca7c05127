package dev.ironkube.talos.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What varies between the machine configs ironkube writes. Secrets come separately from the {@link
 * dev.ironkube.talos.pki.SecretsBundle}. Build one with {@link #builder()}, which holds the
 * defaults.
 *
 * @param clusterName cluster.clusterName, also the kubeconfig cluster name
 * @param endpoint cluster.controlPlane.endpoint, {@code https://<host>:6443}
 * @param role controlplane or worker
 * @param hostname the node name; null lets Talos derive a stable one
 * @param certSans every IP and DNS name the tool and users dial (apid and the API server)
 * @param installDisk machine.install.disk, chosen from the node's real disks
 * @param installerImage machine.install.image, e.g. an Image Factory metal-installer reference
 * @param kubernetesVersion "1.34.1"; null means the Talos release's default
 * @param podSubnets cluster.network.podSubnets
 * @param serviceSubnets cluster.network.serviceSubnets
 * @param inlineManifests applied by Talos once the API server is up (control planes only)
 * @param firewall the ingress firewall
 */
public record MachineConfigInput(
    String clusterName,
    String endpoint,
    NodeRole role,
    String hostname,
    List<String> certSans,
    String installDisk,
    String installerImage,
    String kubernetesVersion,
    List<String> podSubnets,
    List<String> serviceSubnets,
    List<InlineManifest> inlineManifests,
    FirewallPolicy firewall) {

  public static final List<String> DEFAULT_POD_SUBNETS = List.of("10.244.0.0/16");
  public static final List<String> DEFAULT_SERVICE_SUBNETS = List.of("10.96.0.0/12");

  public MachineConfigInput {
    Objects.requireNonNull(role, "role");
    certSans = List.copyOf(certSans);
    podSubnets = List.copyOf(podSubnets);
    serviceSubnets = List.copyOf(serviceSubnets);
    inlineManifests = List.copyOf(inlineManifests);
    Objects.requireNonNull(firewall, "firewall");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The same input with the firewall's operator allows removed (the lockdown re-apply). */
  public MachineConfigInput lockedDown() {
    return new MachineConfigInput(
        clusterName,
        endpoint,
        role,
        hostname,
        certSans,
        installDisk,
        installerImage,
        kubernetesVersion,
        podSubnets,
        serviceSubnets,
        inlineManifests,
        firewall.lockedDown());
  }

  /** Collects optional fields into a valid record; {@link MachineConfigValidation} checks it. */
  public static final class Builder {
    private String clusterName;
    private String endpoint;
    private NodeRole role = NodeRole.CONTROLPLANE;
    private String hostname;
    private List<String> certSans = List.of();
    private String installDisk;
    private String installerImage;
    private String kubernetesVersion;
    private List<String> podSubnets = DEFAULT_POD_SUBNETS;
    private List<String> serviceSubnets = DEFAULT_SERVICE_SUBNETS;
    private final List<InlineManifest> inlineManifests = new ArrayList<>();
    private FirewallPolicy firewall = new FirewallPolicy(List.of(), List.of(), false);

    public Builder clusterName(String value) {
      clusterName = value;
      return this;
    }

    public Builder endpoint(String value) {
      endpoint = value;
      return this;
    }

    public Builder role(NodeRole value) {
      role = value;
      return this;
    }

    public Builder hostname(String value) {
      hostname = value;
      return this;
    }

    public Builder certSans(List<String> value) {
      certSans = value;
      return this;
    }

    public Builder installDisk(String value) {
      installDisk = value;
      return this;
    }

    public Builder installerImage(String value) {
      installerImage = value;
      return this;
    }

    public Builder kubernetesVersion(String value) {
      kubernetesVersion = value;
      return this;
    }

    public Builder podSubnets(List<String> value) {
      podSubnets = value;
      return this;
    }

    public Builder serviceSubnets(List<String> value) {
      serviceSubnets = value;
      return this;
    }

    public Builder inlineManifest(String name, String contents) {
      inlineManifests.add(new InlineManifest(name, contents));
      return this;
    }

    public Builder firewall(FirewallPolicy value) {
      firewall = value;
      return this;
    }

    public MachineConfigInput build() {
      return new MachineConfigInput(
          clusterName,
          endpoint,
          role,
          hostname,
          certSans,
          installDisk,
          installerImage,
          kubernetesVersion,
          podSubnets,
          serviceSubnets,
          inlineManifests,
          firewall);
    }
  }
}
