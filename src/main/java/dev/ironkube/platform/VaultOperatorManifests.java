package dev.ironkube.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Vault Secrets Operator resources that sync {@code secret/providers/<provider>} into the Secret
 * {@code provider-<provider>}: a connection to the in-cluster Vault, Kubernetes auth with the cto
 * namespace's default service account, and the static secret itself.
 */
final class VaultOperatorManifests {
  private static final String API = "secrets.hashicorp.com/v1beta1";

  private VaultOperatorManifests() {}

  static List<Manifest> render(PlatformSpec spec, ProviderKey key) {
    ObjectNode connection = resource("VaultConnection", "vault");
    connection
        .putObject("spec")
        .put("address", "http://vault." + spec.vault().namespace() + ".svc:8200");

    ObjectNode auth = resource("VaultAuth", "vault");
    ObjectNode authSpec = auth.putObject("spec");
    authSpec
        .put("vaultConnectionRef", "vault")
        .put("method", "kubernetes")
        .put("mount", "kubernetes");
    authSpec
        .putObject("kubernetes")
        .put("role", ProviderSecretManifests.VSO_ROLE)
        .put("serviceAccount", "default");

    ObjectNode secret = resource("VaultStaticSecret", key.secretName());
    ObjectNode s = secret.putObject("spec");
    s.put("vaultAuthRef", "vault").put("mount", "secret").put("type", "kv-v2");
    s.put("path", "providers/" + key.provider()).put("refreshAfter", "60s");
    s.putObject("destination").put("name", key.secretName()).put("create", true);
    return List.of(new Manifest(connection), new Manifest(auth), new Manifest(secret));
  }

  private static ObjectNode resource(String kind, String name) {
    ObjectNode o = Manifests.object().put("apiVersion", API).put("kind", kind);
    o.putObject("metadata").put("name", name).put("namespace", PlatformSpec.CTO_NAMESPACE);
    return o;
  }
}
