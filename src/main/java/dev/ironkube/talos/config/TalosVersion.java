package dev.ironkube.talos.config;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.TalosReleases;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Talos minor releases ironkube can write machine configs for. Talos' decoder rejects unknown
 * fields and document kinds, so the target release decides the exact document and field set.
 */
public enum TalosVersion {
  V1_11(11),
  V1_12(12),
  V1_13(13),
  V1_14(14);

  private static final Pattern VERSION =
      Pattern.compile("v?1\\.(\\d+)(\\.\\d+)?(-[0-9A-Za-z.-]+)?");

  private final int minor;
  private final String defaultKubernetesVersion;

  TalosVersion(int minor) {
    this.minor = minor;
    this.defaultKubernetesVersion = TalosReleases.of(minor).orElseThrow().defaultKubernetes();
  }

  /** "v1.11", the form used in file names and messages. */
  public String contract() {
    return "v1." + minor;
  }

  public int minor() {
    return minor;
  }

  /**
   * The config contract ironkube renders for this release. 1.14's generator moved most of v1alpha1
   * into multi-documents (KubeClusterConfig, KubeletConfig, UnattendedInstallConfig, ...:
   * v1.14.0-rc.1 pkg/machinery/config/contract.go, MultidocKubernetesConfigSupported and friends)
   * that ironkube does not write yet; a 1.14 node accepts the 1.13 contract, which is what {@code
   * talosctl gen config --talos-version v1.13} produces, so 1.14 gets that.
   */
  public TalosVersion configContract() {
    return this == V1_14 ? V1_13 : this;
  }

  /** Whether Talos has left community support for this release (a notice, not an error). */
  public boolean outOfCommunitySupport() {
    return !TalosReleases.of(minor).orElseThrow().communitySupported();
  }

  /** constants.DefaultKubernetesVersion at the newest patch of this release. */
  public String defaultKubernetesVersion() {
    return defaultKubernetesVersion;
  }

  /** 1.12 moved the hostname into its own HostnameConfig document. */
  boolean usesHostnameDocument() {
    return minor >= 12;
  }

  /**
   * 1.12 locked rbac, apidCheckExtKeyUsage and disablePodSecurityPolicy on and removed them from
   * the schema; 1.11 still needs them spelled out.
   */
  boolean needsFeatureLockFields() {
    return minor <= 11;
  }

  /** The 1.12 generator stopped copying the endpoint host into apiServer.certSANs. */
  boolean copiesEndpointIntoApiServerSans() {
    return minor <= 11;
  }

  /**
   * 1.12 moved registry mirrors from machine.registries into RegistryMirrorConfig documents (the
   * 1.12 schema has no machine.registries).
   */
  boolean usesRegistryMirrorDocument() {
    return minor >= 12;
  }

  /** 1.12 added machine.install.grubUseUKICmdline and the generator writes true. */
  boolean hasGrubUkiCmdline() {
    return minor >= 12;
  }

  public static List<String> supported() {
    return Arrays.stream(values()).map(TalosVersion::contract).toList();
  }

  /**
   * Accepts "v1.11.6", "1.11", "v1.12.0-beta.1" and similar; fails naming the version and listing
   * the supported ones.
   */
  public static TalosVersion parse(String version) {
    Matcher m = version == null ? null : VERSION.matcher(version.trim());
    if (m != null && m.matches()) {
      int minor = Integer.parseInt(m.group(1));
      for (TalosVersion candidate : values()) {
        if (candidate.minor == minor) {
          return candidate;
        }
      }
    }
    throw new UserInputException(
        "Talos version " + version + " is not supported",
        "use one of " + String.join(", ", supported()));
  }
}
