package dev.ironkube.workflow.provision;

import java.util.List;

/**
 * How to reach what a run installed, as fields a script can read (the report's JSON) rather than
 * lines it would have to parse. Each stage after the bootstrap fills in its own part; a part a run
 * did not install stays null.
 *
 * @param argoCd the Argo CD UI and where its admin password is
 * @param argoWorkflowsUrl the Argo Workflows UI
 * @param vault the Vault API and where its token is
 * @param dns the DNS name published for the cluster
 * @param teleport how to reach the cluster through Teleport
 * @param credentialsStoredIn the secret store that holds a copy of the admin credentials
 */
public record Endpoints(
    ArgoCd argoCd,
    String argoWorkflowsUrl,
    Vault vault,
    Dns dns,
    Teleport teleport,
    String credentialsStoredIn) {

  /** Nothing installed yet. */
  public static final Endpoints NONE = new Endpoints(null, null, null, null, null, null);

  /** A key of a Kubernetes Secret. */
  public record SecretKey(String namespace, String name, String key) {}

  /**
   * @param password the initial admin password, only when the user asked to see it
   */
  public record ArgoCd(String url, String user, SecretKey passwordSecret, String password) {}

  /**
   * @param mode how Vault runs ("dev": in memory, unsealed, a fixed root token)
   */
  public record Vault(String url, String mode, SecretKey tokenSecret) {}

  public record Dns(String name, List<String> addresses) {}

  /**
   * @param lockedDown whether the Talos and Kubernetes ports are closed to the internet
   */
  public record Teleport(String kubeCluster, String login, boolean lockedDown) {}

  public Endpoints withPlatform(ArgoCd a, String workflowsUrl, Vault v) {
    return new Endpoints(a, workflowsUrl, v, dns, teleport, credentialsStoredIn);
  }

  public Endpoints withDns(Dns d) {
    return new Endpoints(argoCd, argoWorkflowsUrl, vault, d, teleport, credentialsStoredIn);
  }

  public Endpoints withTeleport(Teleport t) {
    return new Endpoints(argoCd, argoWorkflowsUrl, vault, dns, t, credentialsStoredIn);
  }

  public Endpoints withCredentialsStoredIn(String where) {
    return new Endpoints(argoCd, argoWorkflowsUrl, vault, dns, teleport, where);
  }
}
