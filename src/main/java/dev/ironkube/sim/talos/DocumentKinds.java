package dev.ironkube.sim.talos;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which multi-document kinds each Talos minor version registers (shared/reference/talos.md, section
 * 5.4). Talos's decoder is strict: a kind the running version does not know is an error, so the
 * fake rejects it as the real node would.
 */
final class DocumentKinds {
  private static final Map<Integer, List<String>> ADDED_IN =
      Map.of(
          5, List.of("EventSinkConfig", "KmsgLogConfig", "SideroLinkConfig"),
          6, List.of("NetworkRuleConfig", "NetworkDefaultActionConfig"),
          7, List.of("ExtensionServiceConfig", "WatchdogTimerConfig"),
          8, List.of("KubeSpanEndpointsConfig", "TrustedRootsConfig", "VolumeConfig"),
          10, List.of("EthernetConfig", "PCIDriverRebindConfig", "UserVolumeConfig"),
          11, List.of("ExistingVolumeConfig", "RawVolumeConfig", "SwapVolumeConfig", "ZswapConfig"),
          12,
              List.of(
                  "HostnameConfig",
                  "LinkConfig",
                  "LinkAliasConfig",
                  "BondConfig",
                  "BridgeConfig",
                  "VLANConfig",
                  "DummyLinkConfig",
                  "WireguardConfig",
                  "DHCPv4Config",
                  "DHCPv6Config",
                  "Layer2VIPConfig",
                  "HCloudVIPConfig",
                  "ResolverConfig",
                  "StaticHostConfig",
                  "TimeSyncConfig",
                  "OOMConfig",
                  "RegistryMirrorConfig",
                  "RegistryAuthConfig",
                  "RegistryTLSConfig"),
          13,
              List.of(
                  "EnvironmentConfig",
                  "KubeSpanConfig",
                  "ExternalVolumeConfig",
                  "RoutingRuleConfig",
                  "BlackholeRouteConfig",
                  "TCPProbeConfig",
                  "VRFConfig",
                  "ImageVerificationConfig"),
          // v1.14.0-rc.1 website/content/v1.14/schemas/config.schema.json, the kinds its oneOf
          // lists beyond 1.13's.
          14,
              List.of(
                  "FilesystemScrubConfig",
                  "FilesystemTrimConfig",
                  "DiscoveryIdentityConfig",
                  "DiscoveryServiceConfig",
                  "ContainerConfig",
                  "CRIBaseRuntimeSpecConfig",
                  "CRICustomizationConfig",
                  "ImageCacheConfig",
                  "KubeAPIServerCAConfig",
                  "KubeAPIServerConfig",
                  "KubeAdmissionControlConfig",
                  "KubeAggregatorCAConfig",
                  "KubeAuditPolicyConfig",
                  "KubeAuthenticationConfig",
                  "KubeAuthorizerConfig",
                  "KubeClusterConfig",
                  "KubeControllerManagerConfig",
                  "KubeCoreDNSConfig",
                  "KubeCredentialProviderConfig",
                  "KubeEtcdEncryptionConfig",
                  "KubeExternalManifestConfig",
                  "KubeFlannelCNIConfig",
                  "KubeInlineManifestConfig",
                  "KubeNetworkConfig",
                  "KubeNodeConfig",
                  "KubePrismConfig",
                  "KubeProxyConfig",
                  "KubeSchedulerConfig",
                  "KubeServiceAccountConfig",
                  "KubeStaticPodConfig",
                  "KubeTalosAPIAccessConfig",
                  "KubeletConfig",
                  "BGPInstanceConfig",
                  "HTTPProbeConfig",
                  "VethConfig",
                  "EtcFileConfig",
                  "KernelModuleConfig",
                  "SecurityProfileConfig",
                  "SysctlConfig",
                  "SysfsConfig",
                  "UdevRulesConfig",
                  "UnattendedInstallConfig",
                  "LVMLogicalVolumeConfig",
                  "LVMVolumeGroupConfig",
                  "RAIDArrayConfig"));

  private DocumentKinds() {}

  static Set<String> registered(int minor) {
    Set<String> kinds = new LinkedHashSet<>();
    ADDED_IN.forEach(
        (since, names) -> {
          if (since <= minor) {
            kinds.addAll(names);
          }
        });
    return kinds;
  }

  /** The minor version of a tag like "v1.11.6"; unknown formats count as the newest we know. */
  static int minor(String talosVersion) {
    String[] parts = talosVersion.replaceFirst("^v", "").split("\\.");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 99;
    } catch (NumberFormatException e) {
      return 99;
    }
  }
}
