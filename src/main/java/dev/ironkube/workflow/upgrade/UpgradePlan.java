package dev.ironkube.workflow.upgrade;

import java.util.List;

/**
 * What an upgrade does or did, node by node, in order: the plan --dry-run prints and the report a
 * run ends with ({@code -o json} prints it as it is).
 *
 * @param kind "talos" or "kubernetes"
 * @param image the installer image (Talos) or null
 */
public record UpgradePlan(
    String cluster, String kind, String from, String to, String image, List<Step> steps) {

  /**
   * One node's part.
   *
   * @param action what is done to it, e.g. "drain, upgrade, uncordon"
   * @param state "pending", "done" (this run) or "already" (was on the target before)
   */
  public record Step(String node, String role, String from, String action, String state) {}

  public long pending() {
    return steps.stream().filter(s -> s.state().equals("pending")).count();
  }
}
