package dev.ironkube.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Argo CD Applications: from here on GitOps owns each component (automated sync, prune, self-heal),
 * so day-2 changes go through Argo CD and ironkube only creates the Applications. Release names
 * equal Application names, so Argo CD's tracking label {@code app.kubernetes.io/instance} finds a
 * component's pods.
 */
final class ApplicationManifests {
  static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";

  /** Sorted keys: values arrive in maps of no fixed order, the rendered YAML must not vary. */
  private static final ObjectMapper SORTED =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ApplicationManifests() {}

  static Manifest render(ChartRef chart) {
    ObjectNode app = Manifests.object();
    app.put("apiVersion", "argoproj.io/v1alpha1").put("kind", "Application");
    ObjectNode meta = app.putObject("metadata");
    meta.put("name", chart.name()).put("namespace", PlatformSpec.ARGOCD_NAMESPACE);
    meta.putObject("labels").put("app.kubernetes.io/managed-by", "ironkube");
    meta.putArray("finalizers").add(FINALIZER);
    ObjectNode spec = app.putObject("spec");
    spec.put("project", "default");
    ObjectNode source = spec.putObject("source");
    source.put("repoURL", chart.repoUrl()).put("targetRevision", chart.version());
    if (chart.isHelmRepository()) {
      source.put("chart", chart.chart());
    } else {
      source.put("path", chart.path());
    }
    ObjectNode helm = source.putObject("helm").put("releaseName", chart.name());
    if (!chart.values().isEmpty()) {
      helm.set("valuesObject", SORTED.valueToTree(chart.values()));
    }
    spec.putObject("destination")
        .put("server", "https://kubernetes.default.svc")
        .put("namespace", chart.namespace());
    ObjectNode sync = spec.putObject("syncPolicy");
    sync.putObject("automated").put("prune", true).put("selfHeal", true);
    // Server-side apply: large CRDs (Argo Workflows') exceed the client-side annotation limit.
    sync.putArray("syncOptions").add("CreateNamespace=true").add("ServerSideApply=true");
    return new Manifest(app);
  }

  static Component component(String title, ChartRef chart) {
    Manifest app = render(chart);
    return new Component(
        title, chart.namespace(), List.of(app), false, List.of(ReadyTarget.of(app)));
  }
}
