package dev.ironkube.workflow.provision;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.IronkubeException;
import dev.ironkube.failure.OperationFailedException;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.PlanOffer;
import dev.ironkube.provider.TalosBoot;
import dev.ironkube.settings.NodePools;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.workflow.Progress;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline's first phase: every check that can refuse a run, before the first mutating request.
 * The provider's credentials, the plan and stock of every pool, the Image Factory schematic and the
 * Talos version, the operator's address, then what each later stage will need (the DNS name, the
 * secret store, Teleport, the platform's manifests). A dry run runs the same phase; its results are
 * the checklist it prints.
 */
final class PreflightPhase {
  private final ProvisionContext ctx;
  private final boolean dryRun;
  private final TalosStage talos;
  private final Runnable afterAuthentication;
  private final List<AfterBootstrap> stages;
  private final PoolSizes sizes;
  private final HardwareChoice hardware;
  private final Preflight checks;
  private String schematicId;
  private TalosBoot boot;

  PreflightPhase(
      ProvisionContext ctx,
      boolean dryRun,
      TalosStage talos,
      Runnable afterAuthentication,
      List<AfterBootstrap> stages,
      PoolSizes sizes,
      HardwareChoice hardware) {
    this.ctx = ctx;
    this.dryRun = dryRun;
    this.talos = talos;
    this.afterAuthentication = afterAuthentication;
    this.stages = stages;
    this.sizes = sizes;
    this.hardware = hardware;
    this.checks = new Preflight(ctx.progress(), ctx.cancellation());
  }

  /**
   * Runs every check, fills {@code offers} (pool name → the offer it is ordered on) and refuses the
   * run, naming every problem, when any failed.
   */
  void run(List<Member> members, Set<String> orderedHosts, Map<String, PlanOffer> offers) {
    boolean authenticated =
        checks.run(
            PreflightCheck.of("Credentials for " + ctx.provider().name(), this::credentials));
    if (authenticated) {
      checks.run(
          PreflightCheck.of("Plans and stock", () -> hardware(members, orderedHosts, offers)));
    } else {
      checks.skip("Plans and stock", "needs working credentials");
    }
    checks.run(PreflightCheck.of("Talos image", this::image));
    if (talos != null) {
      checks.run(PreflightCheck.of("Operator address", this::operatorAddress));
      patches(members);
    }
    for (AfterBootstrap stage : stages) {
      stage.preflight().forEach(checks::run);
    }
    checks.refuseOnProblems();
    if (!offers.isEmpty()) {
      ctx.progress()
          .warn(
              (members.size() == 1
                      ? "This server bills"
                      : "These " + members.size() + " servers bill")
                  + " hourly at "
                  + totalPrice(members, offers)
                  + " from the moment "
                  + (members.size() == 1 ? "it is" : "they are")
                  + " ordered. Run 'ironkube destroy "
                  + ctx.spec().name()
                  + "' when done.");
      confirmOrder(members, orderedHosts, offers);
    }
  }

  /**
   * A person at the terminal (no --yes) says yes to the bill before the first order: every check
   * has passed, so this is the last moment nothing costs anything. Declining ends the run with
   * nothing ordered.
   */
  private void confirmOrder(
      List<Member> members, Set<String> orderedHosts, Map<String, PlanOffer> offers) {
    long toOrder = members.stream().filter(m -> !orderedHosts.contains(m.hostname)).count();
    if (dryRun || toOrder == 0 || !ctx.prompter().available()) {
      return;
    }
    String question =
        "Order "
            + (toOrder == 1 ? "1 server" : toOrder + " servers")
            + " for cluster "
            + ctx.spec().name()
            + " at "
            + ctx.provider().name()
            + " ("
            + totalPrice(members, offers)
            + ")?";
    if (!ctx.prompter().confirm(question, false)) {
      throw new UserInputException(
          "nothing was ordered: the order was not confirmed",
          "run again and answer y, or pass --yes to order without the question",
          ExitCodes.OK);
    }
  }

  List<Preflight.Result> results() {
    return checks.results();
  }

  String schematicId() {
    return schematicId;
  }

  TalosBoot boot() {
    return boot;
  }

  private String credentials() {
    var account = ctx.provider().authenticate();
    afterAuthentication.run();
    return "valid, as " + account.displayName();
  }

  private String hardware(
      List<Member> members, Set<String> orderedHosts, Map<String, PlanOffer> offers) {
    // The check's own line is the step; an interactive choice only needs somewhere to say how
    // many offers it shows.
    Progress.Step step =
        new Progress.Step() {
          @Override
          public void update(String detail, double fraction) {}

          @Override
          public void done(String summary) {}

          @Override
          public void fail(String reason) {}
        };
    List<NodePools.Pool> pools = members.stream().map(m -> m.pool).distinct().toList();
    List<String> done = new ArrayList<>();
    for (NodePools.Pool pool : pools) {
      boolean ordered =
          members.stream().anyMatch(m -> m.pool == pool && orderedHosts.contains(m.hostname));
      boolean firstPool = pool == pools.get(0);
      PlanOffer offer =
          hardware.offerFor(
              pool,
              firstPool,
              ordered,
              firstPool ? null : offers.get(pools.get(0).name()),
              step,
              done,
              pools.size() == 1);
      offers.put(pool.name(), offer);
      if (!dryRun) {
        sizes.remember(pool);
        hardware.remember(pool, firstPool, offer);
      }
    }
    return String.join("; ", done);
  }

  /**
   * The machine-config patches, applied to every node's config as the run will render it (with
   * documentation addresses and throwaway secrets): a patch that fails fails here, before the bill.
   */
  private void patches(List<Member> members) {
    if (!ctx.settings().isSet(SettingsCatalogue.PATCHES)) {
      return;
    }
    List<TalosStage.Node> sample = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      sample.add(
          new TalosStage.Node(m.hostname, "192.0.2." + (10 + i), "planned", m.controlPlane()));
    }
    ClusterNodes cluster = new ClusterNodes(sample, Optional.empty());
    checks.run(
        PreflightCheck.of(
            "Machine-config patches", () -> talos.checkPatches(cluster).orElse("none")));
  }

  private String image() {
    String version = ctx.settings().require(SettingsCatalogue.TALOS_VERSION);
    List<String> offered = ctx.images().talosVersions();
    if (!offered.isEmpty() && !offered.contains(version)) {
      throw new UserInputException(
          "Talos " + version + " is not offered by the Image Factory",
          "pass --talos-version with one it offers, such as "
              + offered.get(offered.size() - 1)
              + " (the newest)");
    }
    schematicId =
        ctx.settings()
            .get(SettingsCatalogue.SCHEMATIC_ID)
            .or(() -> ctx.journal().value("schematic"))
            .orElseGet(
                () -> ctx.images().schematic(ctx.settings().list(SettingsCatalogue.EXTENSIONS)));
    // A dry run's journal is in memory: its preview reads the schematic from there too.
    ctx.journal().value("schematic", schematicId);
    boot = ctx.images().boot(schematicId, version);
    return "schematic "
        + schematicId.substring(0, Math.min(12, schematicId.length()))
        + "…, Talos "
        + version;
  }

  /**
   * The address the node's firewall (and the provider's, during maintenance mode) will let in: the
   * configured one, or detected now, because an address that cannot be detected after the order
   * leaves servers that nobody can configure.
   */
  private String operatorAddress() {
    boolean configured = !ctx.spec().operatorCidrs().isEmpty();
    List<String> cidrs;
    try {
      cidrs = talos.operatorCidrs();
    } catch (IronkubeException e) {
      throw new OperationFailedException(e.getMessage(), e.hint(), ExitCodes.REMOTE_FAILURE, e);
    }
    return String.join(", ", cidrs) + (configured ? " (configured)" : " (detected)");
  }

  /** Every server's hourly price together. */
  static BigDecimal totalHourly(List<Member> members, Map<String, PlanOffer> offers) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Member m : members) {
      PlanOffer o = offers.get(m.pool.name());
      if (o != null && o.hourlyPrice() != null) {
        sum = sum.add(o.hourlyPrice());
      }
    }
    return sum;
  }

  private static String totalPrice(List<Member> members, Map<String, PlanOffer> offers) {
    PlanOffer any = offers.get(members.get(0).pool.name());
    if (members.size() == 1) {
      return HardwareSelection.price(any);
    }
    String amount = totalHourly(members, offers).setScale(2, RoundingMode.HALF_UP).toPlainString();
    return ("USD".equals(any.currency()) ? "$" + amount : amount + " " + any.currency())
        + "/h in total";
  }
}
