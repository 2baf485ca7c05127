package dev.ironkube.workflow.provision;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * What a provisioning run produced, for the final report (human text or JSON).
 *
 * @param outcome "provisioned", "planned" (dry run)
 * @param planned for a dry run, the mutations it would make, in order
 * @param access how to reach what was installed (URLs, where passwords are), as lines
 * @param endpoints the same as fields
 * @param hourlyPrice of every server together
 * @param nodes every node; serverId, hostname, ipv4, plan and site above are the first control
 *     plane's
 * @param endpoint the control-plane endpoint in the configs and kubeconfig
 * @param endpointReason why the endpoint is what it is
 * @param checks what the preflight checked before anything was ordered (a dry run's checklist)
 */
public record ProvisionReport(
    String cluster,
    String provider,
    String outcome,
    String serverId,
    String hostname,
    String ipv4,
    String plan,
    String site,
    BigDecimal hourlyPrice,
    String currency,
    String talosVersion,
    Path talosconfig,
    Path kubeconfig,
    Path renderedConfigs,
    List<String> planned,
    List<String> notes,
    List<String> access,
    Endpoints endpoints,
    List<NodeLine> nodes,
    String endpoint,
    String endpointReason,
    List<Preflight.Result> checks) {

  /** One node of the cluster. */
  public record NodeLine(
      String hostname,
      String role,
      String pool,
      String serverId,
      String ipv4,
      String plan,
      String site) {}
}
