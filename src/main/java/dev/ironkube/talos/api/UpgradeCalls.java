package dev.ironkube.talos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.ByteString;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.api.proto.cosi.GetRequest;
import dev.ironkube.talos.api.proto.machine.ApplyConfigurationRequest;
import dev.ironkube.talos.api.proto.machine.UpgradeRequest;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The calls of a rolling upgrade: the Upgrade RPC, the running machine config read back through
 * COSI, and a config applied without a reboot. Each is one RPC turned into ironkube's types.
 */
final class UpgradeCalls {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private UpgradeCalls() {}

  /**
   * Asks the node to upgrade to {@code image}. machined pulls and validates the installer image
   * and, on a control plane, checks etcd before it answers (siderolabs/talos v1.13.9
   * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go, Upgrade): an error here
   * means nothing started. The answer's ack is "Upgrade request received"; the upgrade sequence and
   * its reboot run after it.
   */
  static String upgrade(TalosChannel channel, Polling polling, String image) {
    var request = UpgradeRequest.newBuilder().setImage(image).build();
    try {
      var reply = channel.machine(polling).upgrade(request);
      return reply.getMessagesList().isEmpty() ? "" : reply.getMessages(0).getAck();
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "Upgrade", e);
    }
  }

  /**
   * The config the node runs: the {@code MachineConfigs.config.talos.dev} resource {@code
   * config/v1alpha1}, whose YAML spec is the config's bytes as one YAML string (v1.13.9
   * pkg/machinery/resources/config/machine_config.go, v1alpha1Spec.MarshalYAML). It is a sensitive
   * resource: only os:admin reads it.
   */
  static byte[] machineConfig(TalosChannel channel, Polling polling) {
    var request =
        GetRequest.newBuilder()
            .setNamespace("config")
            .setType("MachineConfigs.config.talos.dev")
            .setId("v1alpha1")
            .build();
    try {
      String yaml = channel.cosi(polling).get(request).getResource().getSpec().getYamlSpec();
      JsonNode spec = YAML.readTree(yaml);
      if (spec == null || !spec.isTextual() || spec.asText().isEmpty()) {
        throw new RemoteServiceException.Transient(
            "Talos API at " + channel.target(), "the MachineConfig resource holds no config", null);
      }
      return spec.asText().getBytes(StandardCharsets.UTF_8);
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "COSI Get MachineConfigs", e);
    } catch (IOException e) {
      throw new RemoteServiceException.Transient(
          "Talos API at " + channel.target(), "the MachineConfig resource is not YAML", e);
    }
  }

  /**
   * Applies {@code config} in NO_REBOOT mode, as talosctl upgrade-k8s does for each image it
   * changes (v1.13.9 pkg/cluster/kubernetes/patch.go, patchNodeConfig): machined refuses a change
   * that needs a reboot rather than rebooting.
   */
  static ApplyResult applyNoReboot(TalosChannel channel, Polling polling, byte[] config) {
    var request =
        ApplyConfigurationRequest.newBuilder()
            .setData(ByteString.copyFrom(config))
            .setMode(ApplyConfigurationRequest.Mode.NO_REBOOT)
            .build();
    try {
      var reply = channel.machine(polling).applyConfiguration(request);
      String details =
          reply.getMessagesList().isEmpty() ? "" : reply.getMessages(0).getModeDetails();
      return new ApplyResult(
          ApplyResult.Outcome.APPLIED,
          reply.getMessagesList().isEmpty()
              ? List.of()
              : List.copyOf(reply.getMessages(0).getWarningsList()),
          details);
    } catch (StatusRuntimeException e) {
      if (rebootRefusal(e)) {
        throw new NeedsReboot(channel.target());
      }
      throw TalosCallFailures.translate(channel.target(), "ApplyConfiguration", e);
    }
  }

  /** What machined says when a NO_REBOOT apply needs a reboot (v1.11–v1.13 CanApplyImmediate). */
  static final String IMMEDIATE_REFUSAL = "this config change can't be applied in immediate mode";

  /**
   * Stages {@code config} (STAGED): persisted, applied when the node next boots. Every release
   * accepts it for a configured node ("Staged configuration to be applied after the next reboot").
   */
  static ApplyResult applyStaged(TalosChannel channel, Polling polling, byte[] config) {
    var request =
        ApplyConfigurationRequest.newBuilder()
            .setData(ByteString.copyFrom(config))
            .setMode(ApplyConfigurationRequest.Mode.STAGED)
            .build();
    try {
      var reply = channel.machine(polling).applyConfiguration(request);
      return new ApplyResult(
          ApplyResult.Outcome.APPLIED,
          List.of(),
          reply.getMessagesList().isEmpty() ? "" : reply.getMessages(0).getModeDetails());
    } catch (StatusRuntimeException e) {
      throw TalosCallFailures.translate(channel.target(), "ApplyConfiguration", e);
    }
  }

  /**
   * Whether {@code config} needs a reboot: a dry run in NO_REBOOT mode, which machined refuses with
   * InvalidArgument and {@link #IMMEDIATE_REFUSAL} before it looks at the dry-run flag when the
   * change is not on CanApplyImmediate's list (v1.13.9 v1alpha1_server.go, ApplyConfiguration).
   * Talos 1.14 applies every change without a reboot and always answers no.
   */
  static boolean needsReboot(TalosChannel channel, Polling polling, byte[] config) {
    var request =
        ApplyConfigurationRequest.newBuilder()
            .setData(ByteString.copyFrom(config))
            .setMode(ApplyConfigurationRequest.Mode.NO_REBOOT)
            .setDryRun(true)
            .build();
    try {
      channel.machine(polling).applyConfiguration(request);
      return false;
    } catch (StatusRuntimeException e) {
      if (rebootRefusal(e)) {
        return true;
      }
      throw TalosCallFailures.translate(channel.target(), "ApplyConfiguration (dry run)", e);
    }
  }

  static boolean rebootRefusal(StatusRuntimeException e) {
    return e.getStatus().getCode() == io.grpc.Status.Code.INVALID_ARGUMENT
        && e.getStatus().getDescription() != null
        && e.getStatus().getDescription().startsWith(IMMEDIATE_REFUSAL);
  }
}
