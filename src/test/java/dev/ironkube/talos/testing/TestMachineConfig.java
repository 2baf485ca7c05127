package dev.ironkube.talos.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal control-plane machine config that a Talos 1.11 node accepts, built from test PKI.
 * Withers vary one field at a time for validation tests.
 */
public record TestMachineConfig(
    TestPki.Pair osCa,
    TestPki.Pair k8sCa,
    String clusterName,
    String endpoint,
    String installDisk,
    List<String> certSans,
    List<String> extraDocuments) {

  public static TestMachineConfig of(TestPki.Pair osCa, TestPki.Pair k8sCa, String nodeIp) {
    return new TestMachineConfig(
        osCa, k8sCa, "sim", "https://" + nodeIp + ":6443", "/dev/nvme0n1", List.of(), List.of());
  }

  public TestMachineConfig withClusterName(String name) {
    return new TestMachineConfig(
        osCa, k8sCa, name, endpoint, installDisk, certSans, extraDocuments);
  }

  public TestMachineConfig withInstallDisk(String disk) {
    return new TestMachineConfig(
        osCa, k8sCa, clusterName, endpoint, disk, certSans, extraDocuments);
  }

  public TestMachineConfig withCertSans(String... sans) {
    return new TestMachineConfig(
        osCa, k8sCa, clusterName, endpoint, installDisk, List.of(sans), extraDocuments);
  }

  public TestMachineConfig withDocument(String yaml) {
    List<String> docs = new ArrayList<>(extraDocuments);
    docs.add(yaml);
    return new TestMachineConfig(osCa, k8sCa, clusterName, endpoint, installDisk, certSans, docs);
  }

  public byte[] yaml() {
    StringBuilder y = new StringBuilder();
    y.append("version: v1alpha1\n")
        .append("debug: false\n")
        .append("machine:\n")
        .append("  type: controlplane\n")
        .append("  token: abcdef.0123456789abcdef\n")
        .append("  ca:\n")
        .append("    crt: ")
        .append(osCa.certBase64())
        .append('\n')
        .append("    key: ")
        .append(osCa.keyBase64())
        .append('\n');
    if (!certSans.isEmpty()) {
      y.append("  certSANs:\n");
      certSans.forEach(s -> y.append("    - ").append(s).append('\n'));
    }
    y.append("  install:\n")
        .append("    disk: ")
        .append(installDisk)
        .append('\n')
        .append("cluster:\n")
        .append("  clusterName: ")
        .append(clusterName)
        .append('\n')
        .append("  controlPlane:\n")
        .append("    endpoint: ")
        .append(endpoint)
        .append('\n')
        .append("  ca:\n")
        .append("    crt: ")
        .append(k8sCa.certBase64())
        .append('\n')
        .append("    key: ")
        .append(k8sCa.keyBase64())
        .append('\n');
    for (String doc : extraDocuments) {
      y.append("---\n").append(doc);
    }
    return y.toString().getBytes(StandardCharsets.UTF_8);
  }
}
