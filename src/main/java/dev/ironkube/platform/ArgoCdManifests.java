package dev.ironkube.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Argo CD from its upstream install manifest at the pinned tag. That manifest leaves namespaces off
 * its namespaced objects (it expects {@code kubectl apply -n argocd}) while its ClusterRoleBindings
 * name {@code argocd}, so ironkube injects the namespace into every namespaced object. The
 * argocd-server Service becomes a NodePort with fixed ports, so the URL is known before it runs.
 */
final class ArgoCdManifests {
  static final String NAMESPACE = PlatformSpec.ARGOCD_NAMESPACE;
  static final String SERVER = "argocd-server";

  private ArgoCdManifests() {}

  static List<Manifest> render(PlatformSpec spec, String upstreamInstallYaml) {
    List<Manifest> out = new ArrayList<>();
    out.add(Manifests.namespace(NAMESPACE, Map.of()));
    for (Manifest m : Manifests.parse(upstreamInstallYaml)) {
      ObjectNode json = m.json().deepCopy();
      if (!ClusterScope.isClusterScoped(m.kind())) {
        json.with("metadata").put("namespace", NAMESPACE);
      }
      if (m.kind().equals("Service") && m.name().equals(SERVER)) {
        exposeOnNodePorts(json, spec);
      }
      out.add(new Manifest(json));
    }
    return out;
  }

  private static void exposeOnNodePorts(ObjectNode service, PlatformSpec spec) {
    ObjectNode svcSpec = service.with("spec");
    svcSpec.put("type", "NodePort");
    for (JsonNode port : svcSpec.path("ports")) {
      int p = port.path("port").asInt();
      if (p == 80) {
        ((ObjectNode) port).put("nodePort", spec.argoCdHttpNodePort());
      } else if (p == 443) {
        ((ObjectNode) port).put("nodePort", spec.argoCdHttpsNodePort());
      }
    }
  }

  static Component component(PlatformSpec spec, String upstreamInstallYaml) {
    List<Manifest> manifests = render(spec, upstreamInstallYaml);
    return new Component("Argo CD", NAMESPACE, manifests, false, Component.workloadsOf(manifests));
  }
}
