package dev.ironkube.platform;

import dev.ironkube.settings.Secret;
import java.util.Objects;

/** The cloud provider's API key, stored in Vault for the controller. Never printed. */
public record ProviderKey(String provider, Secret apiKey) {
  public ProviderKey {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(apiKey, "apiKey");
    if (!provider.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new IllegalArgumentException("provider name must be a DNS label: " + provider);
    }
  }

  /** The Vault KV path, as the design fixes it. */
  public String vaultPath() {
    return "secret/providers/" + provider;
  }

  /** The Kubernetes Secret the controller reads, in the cto namespace. */
  public String secretName() {
    return "provider-" + provider;
  }
}
