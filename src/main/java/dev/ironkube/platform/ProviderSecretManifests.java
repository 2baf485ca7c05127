package dev.ironkube.platform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The provider key in Vault at {@code secret/providers/<provider>} (key {@code api_key}) and in the
 * Secret {@code provider-<provider>} of namespace cto.
 *
 * <p>ironkube has only the Kubernetes API (no kubectl exec, no port-forward), so a one-shot Job
 * writes Vault: it runs the pinned Vault image, reads the key from a Secret as an environment
 * variable (never a command-line argument, which the API would show) and calls {@code vault kv put}
 * against the in-cluster Vault service. Without the Vault Secrets Operator the Job reads the very
 * Secret the controller uses; with it, the Job reads a seed Secret and the operator syncs Vault
 * into {@code provider-<provider>}, as the design describes.
 */
final class ProviderSecretManifests {
  static final String NAMESPACE = PlatformSpec.CTO_NAMESPACE;
  static final String TOKEN_SECRET = "vault-dev-token";
  static final String VSO_ROLE = "cto-provider-reader";

  private ProviderSecretManifests() {}

  static String jobName(ProviderKey key) {
    return "vault-seed-" + key.secretName();
  }

  static List<Manifest> render(PlatformSpec spec, ProviderKey key) {
    boolean vso = spec.vaultSecretsOperator();
    String keySecret = vso ? key.secretName() + "-seed" : key.secretName();
    List<Manifest> out = new ArrayList<>();
    out.add(Manifests.namespace(NAMESPACE, Map.of()));
    out.add(secret(keySecret, Map.of("api_key", key.apiKey().reveal())));
    out.add(secret(TOKEN_SECRET, Map.of("token", devRootToken(spec))));
    out.add(job(spec, key, keySecret));
    if (vso) {
      out.addAll(VaultOperatorManifests.render(spec, key));
    }
    return out;
  }

  static Component component(PlatformSpec spec, ProviderKey key) {
    List<Manifest> manifests = render(spec, key);
    return new Component(
        "Provider secret", NAMESPACE, manifests, false, Component.workloadsOf(manifests));
  }

  static String devRootToken(PlatformSpec spec) {
    Object server = spec.vault().values().get("server");
    if (server instanceof Map<?, ?> s && s.get("dev") instanceof Map<?, ?> dev) {
      Object token = dev.get("devRootToken");
      if (token != null) {
        return token.toString();
      }
    }
    return "root";
  }

  private static Manifest secret(String name, Map<String, String> data) {
    ObjectNode secret = Manifests.object().put("apiVersion", "v1").put("kind", "Secret");
    ObjectNode meta = secret.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
    meta.putObject("labels").put("app.kubernetes.io/managed-by", "ironkube");
    secret.put("type", "Opaque");
    ObjectNode d = secret.putObject("data");
    data.forEach(
        (k, v) -> d.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new Manifest(secret);
  }

  private static Manifest job(PlatformSpec spec, ProviderKey key, String keySecret) {
    ObjectNode job = Manifests.object().put("apiVersion", "batch/v1").put("kind", "Job");
    job.putObject("metadata").put("name", jobName(key)).put("namespace", NAMESPACE);
    ObjectNode jobSpec = job.putObject("spec").put("backoffLimit", 20);
    ObjectNode template = jobSpec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", jobName(key));
    ObjectNode pod = template.putObject("spec").put("restartPolicy", "OnFailure");
    ObjectNode container = pod.putArray("containers").addObject();
    container.put("name", "vault-kv-put").put("image", spec.vaultImage());
    ArrayNode env = container.putArray("env");
    env.addObject()
        .put("name", "VAULT_ADDR")
        .put("value", "http://vault." + spec.vault().namespace() + ".svc:8200");
    secretEnv(env, "VAULT_TOKEN", TOKEN_SECRET, "token");
    secretEnv(env, "API_KEY", keySecret, "api_key");
    container.putArray("command").add("/bin/sh").add("-ec").add(script(spec, key));
    return new Manifest(job);
  }

  private static String script(PlatformSpec spec, ProviderKey key) {
    String put = "vault kv put " + key.vaultPath() + " api_key=\"$API_KEY\" >/dev/null\n";
    if (!spec.vaultSecretsOperator()) {
      return put;
    }
    // The operator authenticates with its Kubernetes service account token; dev-mode Vault
    // starts with no auth method, so the seed Job enables one read-only role for cto.
    return put
        + "vault auth list | grep -q '^kubernetes/' || vault auth enable kubernetes\n"
        + "vault write auth/kubernetes/config kubernetes_host=https://kubernetes.default.svc\n"
        + "printf 'path \"secret/data/providers/*\" { capabilities = [\"read\"] }' "
        + "| vault policy write "
        + VSO_ROLE
        + " -\n"
        + "vault write auth/kubernetes/role/"
        + VSO_ROLE
        + " bound_service_account_names=default bound_service_account_namespaces="
        + NAMESPACE
        + " policies="
        + VSO_ROLE
        + " ttl=1h\n";
  }

  private static void secretEnv(ArrayNode env, String name, String secret, String key) {
    env.addObject()
        .put("name", name)
        .putObject("valueFrom")
        .putObject("secretKeyRef")
        .put("name", secret)
        .put("key", key);
  }
}
