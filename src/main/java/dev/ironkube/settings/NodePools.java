package dev.ironkube.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cluster's node pools. The document may list them under {@code spec.pools}; without that list
 * the cluster has one control-plane pool of {@code spec.controlPlanes} nodes (default 1) and, when
 * {@code spec.workers} is above 0, one worker pool, both on {@code spec.plan} at {@code
 * spec.region}.
 *
 * <pre>
 * spec:
 *   pools:
 *     - {name: cp, role: controlplane, count: 3, plan: c2-small-x86, region: CHI}
 *     - {name: workers, role: worker, count: 2, plan: c2-medium-x86}
 * </pre>
 *
 * A pool's plan, region and provider default to the cluster's. Control planes number 1 or 3: etcd
 * needs a majority, so a second or fourth member adds a way to lose quorum without adding a failure
 * it survives.
 */
public final class NodePools {
  /** Made when a document is first read: most commands never read one, and a mapper is slow. */
  private static final class Yaml {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  }

  /**
   * Pool names become part of hostnames: "&lt;cluster&gt;-&lt;pool&gt;-&lt;n&gt;" must stay short.
   */
  private static final Pattern POOL_NAME = Pattern.compile("[a-z][a-z0-9]{0,6}");

  private static final Set<String> FIELDS =
      Set.of("name", "role", "count", "plan", "region", "provider");

  /** The largest pool ironkube orders in one run. */
  public static final int MAX_COUNT = 50;

  /** A node's role in the cluster. */
  public enum Role {
    CONTROLPLANE("controlplane"),
    WORKER("worker");

    private final String label;

    Role(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Optional<Role> parse(String text) {
      for (Role r : values()) {
        if (r.label.equals(text)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One pool: {@code count} nodes of one role on one plan, named {@code <cluster>-<name>-<n>}.
   * Empty plan or region means "the cluster's" ({@code spec.plan}, {@code spec.region}).
   */
  public record Pool(
      String name,
      Role role,
      int count,
      Optional<String> plan,
      Optional<String> region,
      Optional<String> provider) {
    public boolean controlPlane() {
      return role == Role.CONTROLPLANE;
    }
  }

  private NodePools() {}

  /** The pools the settings describe; call {@link #problems} first, this assumes them valid. */
  public static List<Pool> of(Settings settings) {
    List<Problem> problems = new ArrayList<>();
    List<Pool> pools = read(settings, problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid node pools: " + problems);
    }
    return pools;
  }

  /** Every problem with the pools, with its path. */
  public static List<Problem> problems(Settings settings) {
    List<Problem> problems = new ArrayList<>();
    read(settings, problems);
    return problems;
  }

  /** Total nodes of all pools. */
  public static int nodeCount(List<Pool> pools) {
    return pools.stream().mapToInt(Pool::count).sum();
  }

  private static List<Pool> read(Settings settings, List<Problem> problems) {
    Optional<String> listed = settings.get(SettingsCatalogue.POOLS);
    List<Pool> pools =
        listed.isPresent() ? fromDocument(listed.get(), problems) : fromCounts(settings, problems);
    String provider = settings.get(SettingsCatalogue.PROVIDER).orElse("latitude");
    for (int i = 0; i < pools.size(); i++) {
      Pool p = pools.get(i);
      if (p.provider().isPresent() && !p.provider().get().equals(provider)) {
        problems.add(
            new Problem(
                SettingsCatalogue.POOLS + "[" + i + "].provider",
                "'"
                    + p.provider().get()
                    + "' differs from spec.provider '"
                    + provider
                    + "'; one cluster spans one provider for now (the nodes must reach each"
                    + " other on their public addresses); remove the field or set spec.provider"));
      }
    }
    if (!problems.isEmpty()) {
      return pools;
    }
    String where = listed.isPresent() ? SettingsCatalogue.POOLS : SettingsCatalogue.CONTROL_PLANES;
    int controlPlanes = pools.stream().filter(Pool::controlPlane).mapToInt(Pool::count).sum();
    if (controlPlanes != 1 && controlPlanes != 3) {
      problems.add(
          new Problem(
              where,
              controlPlanes
                  + " control planes: use 1 or 3 (etcd keeps quorum with a majority, so an even"
                  + " count adds a way to fail without surviving one more)"));
    }
    if (listed.isPresent()
        && (settings.source(SettingsCatalogue.CONTROL_PLANES).orElse(Source.DEFAULT)
                != Source.DEFAULT
            || settings.source(SettingsCatalogue.WORKERS).orElse(Source.DEFAULT)
                != Source.DEFAULT)) {
      problems.add(
          new Problem(
              SettingsCatalogue.POOLS,
              "spec.pools is set together with spec.controlPlanes or spec.workers (or"
                  + " --control-planes/--workers); describe the counts in one place"));
    }
    return pools;
  }

  private static List<Pool> fromCounts(Settings settings, List<Problem> problems) {
    int controlPlanes = count(settings, SettingsCatalogue.CONTROL_PLANES, 1, problems);
    int workers = count(settings, SettingsCatalogue.WORKERS, 0, problems);
    List<Pool> pools = new ArrayList<>();
    pools.add(
        new Pool(
            "cp",
            Role.CONTROLPLANE,
            controlPlanes,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    if (workers > 0) {
      pools.add(
          new Pool(
              "workers",
              Role.WORKER,
              workers,
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    return pools;
  }

  private static int count(Settings settings, String path, int fallback, List<Problem> problems) {
    String raw = settings.get(path).orElse(Integer.toString(fallback));
    try {
      int n = Integer.parseInt(raw.strip());
      if (n < 0 || n > MAX_COUNT) {
        problems.add(new Problem(path, "'" + raw + "' must be between 0 and " + MAX_COUNT));
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(new Problem(path, "'" + raw + "' is not a whole number"));
      return fallback;
    }
  }

  private static List<Pool> fromDocument(String yaml, List<Problem> problems) {
    JsonNode root;
    try {
      root = Yaml.YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      problems.add(
          new Problem(SettingsCatalogue.POOLS, "is not valid YAML: " + e.getOriginalMessage()));
      return List.of();
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      problems.add(
          new Problem(
              SettingsCatalogue.POOLS,
              "must be a non-empty list of pools like {name: cp, role: controlplane, count: 3}"));
      return List.of();
    }
    List<Pool> pools = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      String at = SettingsCatalogue.POOLS + "[" + i + "]";
      JsonNode node = root.get(i);
      if (!node.isObject()) {
        problems.add(new Problem(at, "must be a mapping with name, role and count"));
        continue;
      }
      Iterator<String> keys = node.fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        if (!FIELDS.contains(key)) {
          problems.add(
              new Problem(
                  at + "." + key,
                  "unknown field; a pool has name, role, count, plan, region and provider"));
        }
      }
      String name = text(node, "name").orElse("");
      if (!POOL_NAME.matcher(name).matches()) {
        problems.add(
            new Problem(
                at + ".name",
                (name.isEmpty() ? "is missing" : "'" + name + "' is not a valid pool name")
                    + "; use 1-7 lowercase letters and digits, starting with a letter (it becomes"
                    + " part of the hostnames)"));
      } else if (!names.add(name)) {
        problems.add(new Problem(at + ".name", "'" + name + "' names two pools"));
      }
      String roleText = text(node, "role").orElse("");
      Optional<Role> role = Role.parse(roleText);
      if (role.isEmpty()) {
        problems.add(
            new Problem(
                at + ".role",
                (roleText.isEmpty() ? "is missing" : "'" + roleText + "' is not a role")
                    + "; use controlplane or worker"));
      }
      int count = 0;
      JsonNode c = node.get("count");
      if (c == null || !c.canConvertToInt() || !c.isIntegralNumber()) {
        problems.add(
            new Problem(at + ".count", c == null ? "is missing" : "must be a whole number"));
      } else {
        count = c.intValue();
        if (count < 1 || count > MAX_COUNT) {
          problems.add(
              new Problem(
                  at + ".count",
                  count
                      + " is out of range; use 1 to "
                      + MAX_COUNT
                      + " (drop a pool to have none)"));
        }
      }
      pools.add(
          new Pool(
              name,
              role.orElse(Role.WORKER),
              count,
              text(node, "plan"),
              text(node, "region"),
              text(node, "provider")));
    }
    return pools;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return Optional.empty();
    }
    return Optional.of(v.asText()).filter(s -> !s.isBlank());
  }
}
