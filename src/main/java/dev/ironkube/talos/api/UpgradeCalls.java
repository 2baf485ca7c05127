package dev.ironkube.talos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironkube.failure.RemoteServiceException;
import dev.ironkube.talos.api.proto.cosi.GetRequest;
import dev.ironkube.talos.api.proto.machine.UpgradeRequest;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
}
