package dev.ironkube.cli.chaos;

import dev.ironkube.cli.chaos.Scenario.Disturbance;
import dev.ironkube.sim.Faults.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults a chaos run draws from. Each entry names the simulator's fault point and kind (see the
 * fakes' javadoc) and is injected at a random occurrence of that point, so the same fault hits
 * different moments of the pipeline from run to run.
 */
public final class Catalogue {
  private Catalogue() {}

  /** Every scenario kind, each drawn with equal weight. */
  public static List<String> names() {
    return List.of(
        "none",
        "provider-429",
        "provider-429-no-hint",
        "provider-500-read",
        "provider-502-read",
        "provider-reset-read",
        "provider-malformed-read",
        "provider-500-write",
        "provider-reset-write",
        "provider-timeout-read",
        "talos-apply-drop",
        "talos-apply-reject",
        "talos-bootstrap-refused",
        "talos-service-never-healthy",
        "stale-status",
        "stuck-deploy",
        "failed-deployment",
        "out-of-stock-at-order",
        "lost-create-response",
        "keep-on-failure",
        "ctrl-c",
        "kill-then-resume",
        "kill-then-destroy");
  }

  public static Scenario draw(Random random) {
    List<String> names = names();
    return build(names.get(random.nextInt(names.size())), random);
  }

  public static Scenario build(String name, Random r) {
    int skip = r.nextInt(4);
    List<Rule> faults = new ArrayList<>();
    Disturbance disturbance = Disturbance.NONE;
    boolean keep = false;
    switch (name) {
      case "none" -> {}
      case "provider-429" ->
          faults.add(new Rule("latitude.GET *", "429", skip, 1 + r.nextInt(3), 1));
      case "provider-429-no-hint" ->
          faults.add(new Rule("latitude.GET *", "429-no-hint", skip, 1 + r.nextInt(3), 1));
      case "provider-500-read" -> faults.add(new Rule("latitude.GET *", "http-500", skip, 2, 1));
      case "provider-502-read" -> faults.add(new Rule("latitude.GET *", "http-502", skip, 2, 1));
      case "provider-reset-read" -> faults.add(new Rule("latitude.GET *", "reset", skip, 1, 1));
      case "provider-malformed-read" ->
          faults.add(new Rule("latitude.GET /servers/{id}", "malformed", skip, 1, 1));
      case "provider-500-write" ->
          faults.add(new Rule("latitude.POST *", "http-500", r.nextInt(3), 1, 1));
      case "provider-reset-write" ->
          faults.add(new Rule("latitude.POST *", "reset", r.nextInt(3), 1, 1));
      case "provider-timeout-read" ->
          faults.add(new Rule("latitude.GET /servers/{id}", "timeout", skip, 1, 1));
      case "talos-apply-drop" -> faults.add(Rule.once("talos.apply", "drop"));
      case "talos-apply-reject" -> faults.add(Rule.once("talos.apply", "reject"));
      case "talos-bootstrap-refused" ->
          faults.add(new Rule("talos.bootstrap", "precondition", 0, 1 + r.nextInt(4), 1));
      case "talos-service-never-healthy" ->
          faults.add(
              Rule.always(
                  "talos.service." + List.of("etcd", "kubelet", "apid", "trustd").get(r.nextInt(4)),
                  "never-healthy"));
      case "stale-status" ->
          faults.add(
              new Rule("latitude.GET /servers/{id}", "stale-status", skip, 3 + r.nextInt(5), 1));
      case "stuck-deploy" -> faults.add(Rule.once("latitude.POST /servers", "stuck"));
      case "failed-deployment" ->
          faults.add(Rule.once("latitude.POST /servers", "failed-deployment"));
      case "out-of-stock-at-order" ->
          faults.add(Rule.once("latitude.POST /servers", "out-of-stock"));
      case "lost-create-response" ->
          faults.add(Rule.once("latitude.POST /servers", "lost-response"));
      case "keep-on-failure" -> {
        faults.add(Rule.once("latitude.POST /servers", "failed-deployment"));
        keep = true;
      }
      case "ctrl-c" -> disturbance = Disturbance.CTRL_C;
      case "kill-then-resume" -> disturbance = Disturbance.KILL_THEN_RESUME;
      case "kill-then-destroy" -> disturbance = Disturbance.KILL_THEN_DESTROY;
      default -> throw new IllegalArgumentException("unknown chaos scenario " + name);
    }
    return new Scenario(name, List.copyOf(faults), disturbance, keep);
  }
}
