package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * What argocd-server does when it first starts: Argo CD's install.yaml carries no admin password,
 * so the server's settings initialisation (argoproj/argo-cd v3.4.9, {@code util/settings} and the
 * {@code argocd admin initial-password} command that reads the result) generates one of 16
 * characters from {@code 0-9A-Za-z}, keeps its bcrypt hash in {@code argocd-secret} and writes the
 * plain text to the Secret {@code argocd-initial-admin-secret}, key {@code password}, in the
 * server's namespace, once (an existing one is left alone). The simulation writes that Secret when
 * the argocd-server Deployment's pod starts.
 */
final class ArgoCdServerStart {
  static final String SERVER = "argocd-server";
  static final String SECRET = "argocd-initial-admin-secret";
  private static final String LETTERS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int LENGTH = 16;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ArgoCdServerStart() {}

  /** The objects the server creates when the pod of {@code kind}/{@code name} starts. */
  static List<ObjectNode> objects(String kind, String namespace, String name) {
    if (!kind.equals("Deployment") || !name.equals(SERVER)) {
      return List.of();
    }
    StringBuilder password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
    }
    ObjectNode secret = F.objectNode().put("apiVersion", "v1").put("kind", "Secret");
    secret.putObject("metadata").put("name", SECRET).put("namespace", namespace);
    secret.put("type", "Opaque");
    secret
        .putObject("data")
        .put(
            "password",
            Base64.getEncoder()
                .encodeToString(password.toString().getBytes(StandardCharsets.UTF_8)));
    return List.of(secret);
  }
}
