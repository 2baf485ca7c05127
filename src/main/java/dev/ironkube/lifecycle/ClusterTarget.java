package dev.ironkube.lifecycle;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.api.TalosIdentity;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.workflow.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provisioned cluster as its local files describe it: the nodes with their addresses and roles,
 * the admin talosconfig and (once bootstrapped) the admin kubeconfig. The talosconfig's endpoints
 * are the control planes' addresses and its nodes every node's; the journal names them.
 */
public record ClusterTarget(
    String name, List<Member> members, Talosconfig talosconfig, Optional<String> kubeconfig) {

  /** One node: its hostname (the Kubernetes node name), its address, whether it runs etcd. */
  public record Member(String hostname, String address, boolean controlPlane) {}

  public ClusterTarget {
    members = List.copyOf(members);
  }

  public static ClusterTarget load(String name, ClusterFiles files, Clock clock) {
    if (!files.exists()) {
      throw new UserInputException(
          "no cluster named " + name + " in " + files.dir().getParent(),
          "'ironkube status' lists the known clusters",
          ExitCodes.NOT_FOUND);
    }
    if (!Files.isRegularFile(files.talosconfig())) {
      throw new UserInputException(
          "cluster " + name + " has no talosconfig in " + files.dir(),
          "it exists once provisioning configured the nodes",
          ExitCodes.NOT_FOUND);
    }
    Talosconfig tc = Talosconfig.read(files.talosconfig());
    Journal journal = Journal.open(files.journal(), clock, line -> {});
    Map<String, String> hostnames = new LinkedHashMap<>();
    for (Journal.Owned o : journal.owned()) {
      if (o.ref().kind().equals(ResourceRef.SERVER)) {
        String host = o.ref().name();
        journal
            .value("ipv4 " + host)
            .or(() -> journal.value("ipv4"))
            .ifPresent(ip -> hostnames.putIfAbsent(ip, host));
      }
    }
    List<String> all = tc.nodes().isEmpty() ? tc.endpoints() : tc.nodes();
    List<Member> members = new ArrayList<>();
    for (String address : all) {
      members.add(
          new Member(
              hostnames.getOrDefault(address, address), address, tc.endpoints().contains(address)));
    }
    Optional<String> kubeconfig = Optional.empty();
    if (Files.isRegularFile(files.kubeconfig())) {
      try {
        kubeconfig = Optional.of(Files.readString(files.kubeconfig()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + files.kubeconfig(), e);
      }
    }
    return new ClusterTarget(name, members, tc, kubeconfig);
  }

  public List<Member> controlPlanes() {
    return members.stream().filter(Member::controlPlane).toList();
  }

  public TalosIdentity identity() {
    return new TalosIdentity(
        talosconfig.caPem(), talosconfig.certificatePem(), talosconfig.keyPkcs8Pem());
  }
}
