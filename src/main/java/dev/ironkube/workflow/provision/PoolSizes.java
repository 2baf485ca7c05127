package dev.ironkube.workflow.provision;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.settings.NodePools;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.settings.Source;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many nodes each pool has in this run: the settings' pools, with the counts the journal
 * remembers and the one a scale sets, and the naming that ties a hostname to its pool.
 */
final class PoolSizes {
  private final ProvisionContext ctx;
  private final Map<String, Integer> scaled = new HashMap<>();

  PoolSizes(ProvisionContext ctx) {
    this.ctx = ctx;
  }

  /**
   * A scale in progress: worker pool {@code poolName} has {@code count} nodes whatever else says.
   * Refuses an unknown pool, a control-plane pool and a count out of range.
   */
  void scaleTo(String poolName, int count) {
    List<NodePools.Pool> pools = pools();
    NodePools.Pool pool =
        pools.stream()
            .filter(p -> p.name().equals(poolName))
            .findFirst()
            .orElseThrow(
                () ->
                    new UserInputException(
                        "cluster " + ctx.spec().name() + " has no pool named " + poolName,
                        "its pools: "
                            + String.join(
                                ", ", pools.stream().map(NodePools.Pool::name).toList())));
    if (pool.controlPlane()) {
      throw new UserInputException(
          "pool " + poolName + " holds control planes, which stay at 1 or 3",
          "scale a worker pool; a different control-plane count needs a new cluster");
    }
    if (count < 0 || count > NodePools.MAX_COUNT) {
      throw new UserInputException(
          "--count " + count + " is out of range",
          "use 0 to " + NodePools.MAX_COUNT + " (0 removes every node of the pool)");
    }
    scaled.put(poolName, count);
  }

  /** Journals the count a run goes with, for the next run to keep. */
  void remember(NodePools.Pool pool) {
    ctx.journal().value(countKey(pool.name()), Integer.toString(pool.count()));
  }

  /**
   * The pools with the counts in force. The journal remembers each pool's count from the last run
   * or `ironkube scale`, and that wins over the document and the defaults, so a resume or re-run
   * keeps the cluster at the size it had; counts given on this run's command line or environment
   * win over the journal; a scale in progress wins over everything.
   */
  List<NodePools.Pool> pools() {
    List<NodePools.Pool> pools = new ArrayList<>(NodePools.of(ctx.settings()));
    if (!ctx.settings().isSet(SettingsCatalogue.POOLS)
        && pools.stream().noneMatch(p -> p.name().equals(DEFAULT_WORKERS))) {
      pools.add(
          new NodePools.Pool(
              DEFAULT_WORKERS,
              NodePools.Role.WORKER,
              0,
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    List<NodePools.Pool> out = new ArrayList<>();
    for (NodePools.Pool p : pools) {
      Optional<Integer> journaled = ctx.journal().value(countKey(p.name())).map(Integer::parseInt);
      int count =
          scaled.containsKey(p.name())
              ? scaled.get(p.name())
              : journaled.isPresent() && !givenNow(p) ? journaled.get() : p.count();
      out.add(new NodePools.Pool(p.name(), p.role(), count, p.plan(), p.region(), p.provider()));
    }
    return out;
  }

  /**
   * Whether this run's flags or environment set the pool's count: those win over the count the
   * journal remembers from the last run or scale; the document and the defaults do not.
   */
  private boolean givenNow(NodePools.Pool pool) {
    if (ctx.settings().isSet(SettingsCatalogue.POOLS)) {
      return false;
    }
    String path =
        pool.controlPlane() ? SettingsCatalogue.CONTROL_PLANES : SettingsCatalogue.WORKERS;
    var source = ctx.settings().source(path).orElse(Source.DEFAULT);
    return source == Source.FLAG || source == Source.ENVIRONMENT;
  }

  /** The pool and index a hostname of this cluster names, if any. */
  Optional<Map.Entry<String, Integer>> poolIndex(String hostname) {
    String prefix = ctx.spec().identity().hostnamePrefix();
    if (!hostname.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = hostname.substring(prefix.length());
    int dash = rest.lastIndexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Map.entry(rest.substring(0, dash), Integer.parseInt(rest.substring(dash + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Servers the journal holds beyond the pools' counts: only `scale` removes nodes. */
  void refuseShrinking(Collection<String> ownedHostnames) {
    Map<String, Integer> counts = new HashMap<>();
    pools().forEach(p -> counts.put(p.name(), p.count()));
    for (String hostname : ownedHostnames) {
      var at = poolIndex(hostname);
      if (at.isPresent() && at.get().getValue() > counts.getOrDefault(at.get().getKey(), 0)) {
        throw new UserInputException(
            "cluster "
                + ctx.spec().name()
                + " has "
                + hostname
                + ", beyond the "
                + counts.getOrDefault(at.get().getKey(), 0)
                + " node(s) of pool "
                + at.get().getKey()
                + " asked for",
            "'ironkube scale "
                + ctx.spec().name()
                + " --pool "
                + at.get().getKey()
                + " --count N' drains and removes nodes; provision only adds them");
      }
    }
  }

  private static final String DEFAULT_WORKERS = "workers";

  static String countKey(String pool) {
    return "count " + pool;
  }
}
