package dev.ironkube.sim.talos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;

/**
 * The {@code MachineConfigs.config.talos.dev} resource {@code config/v1alpha1}: the config the node
 * runs. Its YAML spec is the config's bytes marshalled as one YAML string (siderolabs/talos v1.13.9
 * pkg/machinery/resources/config/machine_config.go, v1alpha1Spec.MarshalYAML returns
 * string(cfg.Bytes())), which a YAML encoder writes as a literal block. It does not exist before a
 * config is applied. Listed by id, as the cosi runtime sorts a namespace: persistent, v1alpha1.
 */
final class MachineConfigResource {
  static final String TYPE = "MachineConfigs.config.talos.dev";
  static final String NAMESPACE = "config";
  static final String ID = "v1alpha1";

  /**
   * The config on the STATE partition, what the next boot runs: ahead of {@link #ID} after a STAGED
   * apply, behind it during a TRY (same file, PersistentID).
   */
  static final String PERSISTENT_ID = "persistent";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .build());

  private MachineConfigResource() {}

  static String yamlSpec(byte[] config) {
    try {
      return YAML.writeValueAsString(new String(config, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always marshals", e);
    }
  }
}
