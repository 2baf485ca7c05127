package dev.ironkube.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to reach the platform once it is up. The Argo CD admin password is included only when the
 * user asked for it explicitly; otherwise the report says where it is kept.
 *
 * @param objectsWritten objects created or changed by this run; 0 on a re-run over an installed
 *     platform
 */
public record PlatformReport(
    String argoCdUrl,
    String argoCdUser,
    String argoCdPasswordLocation,
    Optional<String> argoCdPassword,
    String vaultUrl,
    String vaultTokenNote,
    String argoWorkflowsUrl,
    int objectsWritten) {

  /** Where Argo CD keeps the initial admin password, as its docs describe. */
  public static final String ARGOCD_PASSWORD_SECRET = "argocd-initial-admin-secret";

  /** Lines for the final summary on stdout. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("Argo CD:         " + argoCdUrl + " (user " + argoCdUser + ")");
    lines.add(
        "Argo CD password: "
            + argoCdPassword.orElse(
                "in " + argoCdPasswordLocation + " (run again with --show-argocd-password)"));
    lines.add("Argo Workflows:  " + argoWorkflowsUrl);
    lines.add("Vault:           " + vaultUrl + " (" + vaultTokenNote + ")");
    return lines;
  }

  @Override
  public String toString() {
    return "PlatformReport[argoCd="
        + argoCdUrl
        + ", vault="
        + vaultUrl
        + ", argoWorkflows="
        + argoWorkflowsUrl
        + ", password="
        + (argoCdPassword.isPresent() ? "(redacted)" : "not read")
        + "]";
  }
}
