package dev.ironkube.access.teleport;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * teleport-kube-agent without a local helm: the namespace, the join-token Secret (key {@code
 * auth-token}, the name the chart mounts), and an Argo CD Application that renders the chart with
 * {@code joinTokenSecret.create=false}, so the token never sits in Git or in the Application. The
 * platform stack applies these in order (their names sort in apply order); the Secret holds the
 * token, so the map prints only its file names.
 */
public final class KubeAgentManifests {
  public static final String NAMESPACE = "teleport-agent";
  public static final String SECRET = "teleport-kube-agent-join-token";
  public static final String CHART_REPO = "https://charts.releases.teleport.dev";
  public static final String CHART = "teleport-kube-agent";

  private KubeAgentManifests() {}

  /**
   * @param token the Kube join token
   * @param clusterName the name the cluster registers under (kubeClusterName)
   * @param proxy the proxy's public host:port the agent dials out to
   * @param chartVersion the Teleport cluster's version; agents must not be newer than Auth
   */
  public static Map<String, String> manifests(
      JoinToken token, String clusterName, String proxy, String chartVersion) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "00-namespace.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
        """
            .formatted(NAMESPACE));
    out.put(
        "10-join-token-secret.yaml",
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: %s
          namespace: %s
        type: Opaque
        stringData:
          auth-token: %s
        """
            .formatted(SECRET, NAMESPACE, quoted(token.secret())));
    out.put(
        "20-argocd-application.yaml",
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: teleport-kube-agent
          namespace: argocd
        spec:
          project: default
          source:
            repoURL: %s
            chart: %s
            targetRevision: %s
            helm:
              valuesObject:
                roles: kube
                proxyAddr: %s
                kubeClusterName: %s
                joinParams:
                  method: token
                  tokenName: ""
                joinTokenSecret:
                  create: false
                  name: %s
          destination:
            server: https://kubernetes.default.svc
            namespace: %s
          syncPolicy:
            automated:
              prune: true
              selfHeal: true
            syncOptions:
              - CreateNamespace=true
        """
            .formatted(
                CHART_REPO,
                CHART,
                quoted(chartVersion),
                quoted(proxy),
                quoted(clusterName),
                SECRET,
                NAMESPACE));
    return new Redacted(out);
  }

  /** A double-quoted YAML scalar, so a version like 18.1 or a hex token stays a string. */
  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Read-only, and its toString lists file names only: one of the values is a secret. */
  private static final class Redacted extends AbstractMap<String, String> {
    private final Map<String, String> files;

    Redacted(Map<String, String> files) {
      this.files = Collections.unmodifiableMap(files);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return files.entrySet();
    }

    @Override
    public String toString() {
      return "KubeAgentManifests" + files.keySet();
    }
  }
}
