package dev.ironkube.cli;

import dev.ironkube.failure.ExitCodes;
import dev.ironkube.failure.UserInputException;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.settings.Settings;
import dev.ironkube.settings.SettingsCatalogue;
import dev.ironkube.store.ClusterFiles;
import dev.ironkube.talos.talosconfig.Talosconfig;
import dev.ironkube.workflow.Journal;
import dev.ironkube.workflow.provision.TalosStage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A provisioned cluster's nodes as its journal and talosconfig describe them. */
final class JournalNodes {
  private JournalNodes() {}

  /**
   * The cluster's nodes from the journal: every server it owns, with its server id and address; the
   * control planes are the talosconfig's endpoints. Control planes first, each in name order, as
   * provisioning orders them (the first is the endpoint when no DNS name is published).
   */
  static List<TalosStage.Node> of(Journal journal, Talosconfig tc, String cluster) {
    List<TalosStage.Node> out = new ArrayList<>();
    for (Journal.Owned o : journal.owned()) {
      ResourceRef ref = o.ref();
      if (!ref.kind().equals(ResourceRef.SERVER)) {
        continue;
      }
      String address =
          journal.value("ipv4 " + ref.name()).or(() -> journal.value("ipv4")).orElse(null);
      if (address != null) {
        out.add(
            new TalosStage.Node(ref.name(), address, ref.id(), tc.endpoints().contains(address)));
      }
    }
    if (out.stream().noneMatch(TalosStage.Node::controlPlane)) {
      throw new UserInputException(
          "the journal of " + cluster + " names no control plane with an address",
          "the cluster may not be provisioned yet; see 'ironkube status " + cluster + "'");
    }
    out.sort(
        Comparator.comparing((TalosStage.Node n) -> !n.controlPlane())
            .thenComparing(n -> tc.endpoints().indexOf(n.address()))
            .thenComparing(TalosStage.Node::hostname));
    return out;
  }

  /** The cluster's files, refusing a name with no provisioned cluster (no talosconfig) as 4. */
  static ClusterFiles provisioned(CliEnvironment env, String cluster) {
    ClusterFiles files = SettingsResolution.home(env).cluster(cluster);
    if (!files.exists() || !Files.exists(files.talosconfig())) {
      throw new UserInputException(
          "no provisioned cluster named "
              + cluster
              + " (no talosconfig in "
              + files.journal().getParent()
              + ")",
          "'ironkube status' lists the known clusters",
          ExitCodes.NOT_FOUND);
    }
    return files;
  }

  /** The settings of a command on that cluster: the document, environment and flags, checked. */
  static Settings settings(CliEnvironment env, CommonOptions common, String cluster) {
    Map<String, String> flags = new LinkedHashMap<>();
    CommonOptions.put(flags, SettingsCatalogue.NAME_PATH, cluster);
    var loaded = SettingsResolution.load(env, common, flags);
    if (!loaded.problems().isEmpty()) {
      throw SettingsResolution.invalid(loaded.problems());
    }
    return loaded.settings();
  }
}
