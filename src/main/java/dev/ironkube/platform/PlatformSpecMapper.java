package dev.ironkube.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a {@link PlatformSpec} from flat settings keys over the defaults, so the settings layer
 * can map {@code platform.*} entries without knowing the record. Keys:
 *
 * <ul>
 *   <li>{@code cilium.version}, {@code cilium.cliImage}, {@code localPath.version}, {@code
 *       localPath.hostPath}, {@code argocd.version}, {@code argocd.httpNodePort}, {@code
 *       argocd.httpsNodePort}, {@code vault.image}, {@code vault.secretsOperator} (true/false);
 *   <li>for each chart {@code argoWorkflows}, {@code vault}, {@code vaultSecretsOperator}, {@code
 *       controller}, {@code mcpServer}: {@code <chart>.repo}, {@code .chart}, {@code .path}, {@code
 *       .version}, {@code .namespace}, {@code .values} (YAML, replaces the default values);
 *   <li>user add-ons {@code addons.<name>.repo}, {@code .chart} or {@code .path}, {@code .version},
 *       {@code .namespace}, {@code .values}.
 * </ul>
 *
 * Unknown keys are reported, not ignored, so a typo never silently keeps a default.
 */
public final class PlatformSpecMapper {
  private static final YAMLMapper YAML = new YAMLMapper();

  private PlatformSpecMapper() {}

  public static PlatformSpec fromMap(Map<String, String> settings) {
    Map<String, String> s = new LinkedHashMap<>(settings);
    PlatformSpec d = PlatformSpec.defaults();
    PlatformSpec spec =
        new PlatformSpec(
            take(s, "cilium.version", d.ciliumVersion()),
            take(s, "cilium.cliImage", d.ciliumCliImage()),
            take(s, "localPath.version", d.localPathVersion()),
            take(s, "localPath.hostPath", d.localPathHostPath()),
            take(s, "argocd.version", d.argoCdVersion()),
            Integer.parseInt(take(s, "argocd.httpNodePort", "" + d.argoCdHttpNodePort())),
            Integer.parseInt(take(s, "argocd.httpsNodePort", "" + d.argoCdHttpsNodePort())),
            chart(s, "argoWorkflows", d.argoWorkflows()),
            Integer.parseInt(take(s, "argoWorkflows.nodePort", "" + d.argoWorkflowsNodePort())),
            chart(s, "vault", d.vault()),
            Integer.parseInt(take(s, "vault.nodePort", "" + d.vaultNodePort())),
            take(s, "vault.image", d.vaultImage()),
            Boolean.parseBoolean(take(s, "vault.secretsOperator", "" + d.vaultSecretsOperator())),
            chart(s, "vaultSecretsOperator", d.vaultSecretsOperatorChart()),
            chart(s, "controller", d.controller()),
            chart(s, "mcpServer", d.mcpServer()),
            addOns(s));
    if (!s.isEmpty()) {
      throw new IllegalArgumentException("unknown platform settings: " + new TreeSet<>(s.keySet()));
    }
    return spec;
  }

  private static String take(Map<String, String> s, String key, String fallback) {
    String v = s.remove(key);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static ChartRef chart(Map<String, String> s, String prefix, ChartRef d) {
    String chart = s.remove(prefix + ".chart");
    String path = s.remove(prefix + ".path");
    boolean switched = chart != null || path != null;
    String rawValues = s.remove(prefix + ".values");
    return new ChartRef(
        d.name(),
        take(s, prefix + ".repo", d.repoUrl()),
        switched ? chart : d.chart(),
        switched ? path : d.path(),
        take(s, prefix + ".version", d.version()),
        take(s, prefix + ".namespace", d.namespace()),
        rawValues == null ? d.values() : values(prefix, rawValues));
  }

  private static List<ChartRef> addOns(Map<String, String> s) {
    TreeSet<String> names = new TreeSet<>();
    for (String key : s.keySet()) {
      if (key.startsWith("addons.") && key.indexOf('.', 7) > 7) {
        names.add(key.substring(7, key.indexOf('.', 7)));
      }
    }
    List<ChartRef> addOns = new ArrayList<>();
    for (String name : names) {
      String p = "addons." + name;
      String values = s.remove(p + ".values");
      addOns.add(
          new ChartRef(
              name,
              required(s, p + ".repo"),
              s.remove(p + ".chart"),
              s.remove(p + ".path"),
              required(s, p + ".version"),
              take(s, p + ".namespace", name),
              values == null ? Map.of() : values(p, values)));
    }
    return addOns;
  }

  private static String required(Map<String, String> s, String key) {
    String v = s.remove(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v.trim();
  }

  private static Map<String, Object> values(String prefix, String yaml) {
    try {
      Map<String, Object> parsed = YAML.readValue(yaml, new TypeReference<>() {});
      return parsed == null ? Map.of() : parsed;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(prefix + ".values is not a YAML mapping", e);
    }
  }
}
