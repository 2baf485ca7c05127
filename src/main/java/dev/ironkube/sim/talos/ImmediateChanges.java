package dev.ironkube.sim.talos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a configured node can take a new config without a reboot: the runtime's CanApplyImmediate
 * (siderolabs/talos v1.11.6, v1.12.11 and v1.13.9
 * internal/app/machined/pkg/runtime/v1alpha1/v1alpha1_runtime.go; the same field list in all
 * three). Only the v1alpha1 document is compared: every other document kind (firewall rules,
 * volumes, network documents...) is taken live whatever it changes. Within v1alpha1 the new
 * document, with the fields Talos reconciles live copied over from the running one, must equal the
 * running one: debug, cluster, and under machine: ca, acceptedCAs, time, certSANs, install,
 * network, sysfs, sysctls, logging, controlPlane, kubelet, kernel, registries, pods,
 * seccompProfiles, nodeAnnotations, nodeLabels, nodeTaints, and, when both configs have
 * machine.features, its kubernetesTalosAPIAccess, kubePrism, hostDNS, imageCache and
 * nodeAddressSortAlgorithm. Anything else (machine.type, machine.token, machine.env, machine.files,
 * machine.udev, the rest of features, version, persist...) needs a reboot. 1.14 no longer asks
 * (v1.14.0-rc.1 v1alpha1_server.go, ApplyConfiguration: NO_REBOOT and TRY apply without this
 * check).
 */
final class ImmediateChanges {
  private static final List<String> MACHINE_LIVE =
      List.of(
          "ca",
          "acceptedCAs",
          "time",
          "certSANs",
          "install",
          "network",
          "sysfs",
          "sysctls",
          "logging",
          "controlPlane",
          "kubelet",
          "kernel",
          "registries",
          "pods",
          "seccompProfiles",
          "nodeAnnotations",
          "nodeLabels",
          "nodeTaints");
  private static final List<String> FEATURES_LIVE =
      List.of(
          "kubernetesTalosAPIAccess",
          "kubePrism",
          "hostDNS",
          "imageCache",
          "nodeAddressSortAlgorithm");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ImmediateChanges() {}

  /**
   * Empty when {@code next} can replace {@code running} without a reboot, else CanApplyImmediate's
   * error text: "this config change can't be applied in immediate mode\ndiff:\n" and the diff of
   * the v1alpha1 documents limited to what needs the reboot.
   */
  static Optional<String> refusal(byte[] running, byte[] next, TalosMinor minor) {
    JsonNode current = v1alpha1(running);
    JsonNode wanted = v1alpha1(next);
    if (current == null) {
      return Optional.of("current config is not v1alpha1");
    }
    if (wanted == null) {
      return Optional.of("new config is not v1alpha1");
    }
    ObjectNode masked = (ObjectNode) wanted.deepCopy();
    copy(current, masked, "debug");
    copy(current, masked, "cluster");
    JsonNode machineNow = current.get("machine");
    JsonNode machineNext = masked.get("machine");
    if (isObject(machineNow) && isObject(machineNext)) {
      for (String field : MACHINE_LIVE) {
        copy(machineNow, (ObjectNode) machineNext, field);
      }
      JsonNode featuresNow = machineNow.get("features");
      JsonNode featuresNext = machineNext.get("features");
      if (isObject(featuresNow) && isObject(featuresNext)) {
        for (String field : FEATURES_LIVE) {
          copy(featuresNow, (ObjectNode) featuresNext, field);
        }
      }
    }
    if (current.equals(masked)) {
      return Optional.empty();
    }
    String diff = ConfigDiff.unified(ConfigDiff.encode(current), ConfigDiff.encode(masked), minor);
    return Optional.of("this config change can't be applied in immediate mode\ndiff:\n" + diff);
  }

  /** Sets {@code to.field} to {@code from.field}, or leaves it out when {@code from} has none. */
  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null || value.isNull()) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }

  private static boolean isObject(JsonNode node) {
    return node != null && node.isObject();
  }

  /** The parsed documents of a config. */
  static List<JsonNode> documents(byte[] raw) {
    List<JsonNode> out = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(raw)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && doc.isObject()) {
          out.add(doc);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("a validated config always parses", e);
    }
    return out;
  }

  private static JsonNode v1alpha1(byte[] raw) {
    return documents(raw).stream().filter(ConfigDiff::isV1Alpha1).findFirst().orElse(null);
  }
}
