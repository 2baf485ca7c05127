package dev.ironkube.talos.config;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.net.Cidr;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link MachineConfigInput} before anything is rendered and reports every problem with
 * its field path at once, so a user fixes all of them in one go.
 */
final class MachineConfigValidation {
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
  private static final Pattern KUBERNETES_VERSION = Pattern.compile("v?\\d+\\.\\d+\\.\\d+");

  private MachineConfigValidation() {}

  static void check(MachineConfigInput input) {
    List<String> problems = problems(input);
    if (!problems.isEmpty()) {
      throw new UserInputException(
          "the machine config input is invalid: " + String.join("; ", problems),
          "fix the fields named above and run again");
    }
  }

  static List<String> problems(MachineConfigInput in) {
    List<String> problems = new ArrayList<>();
    if (in.clusterName() == null || !DNS_NAME.matcher(in.clusterName()).matches()) {
      problems.add("clusterName must be a lower-case DNS name, got " + quote(in.clusterName()));
    }
    endpointProblem(in.endpoint()).ifPresent(problems::add);
    if (in.hostname() != null && !DNS_NAME.matcher(in.hostname()).matches()) {
      problems.add("hostname must be a lower-case DNS name, got " + quote(in.hostname()));
    }
    for (int i = 0; i < in.certSans().size(); i++) {
      String san = in.certSans().get(i);
      if (san == null || (Cidr.ipLiteral(san).isEmpty() && !DNS_NAME.matcher(san).matches())) {
        problems.add("certSans[" + i + "] must be an IP address or DNS name, got " + quote(san));
      }
    }
    if (in.installDisk() == null || !in.installDisk().startsWith("/dev/")) {
      problems.add(
          "installDisk must be a /dev path chosen from the node's disks, got "
              + quote(in.installDisk()));
    }
    if (in.installerImage() == null
        || in.installerImage().isBlank()
        || in.installerImage().contains(" ")) {
      problems.add("installerImage must be an image reference, got " + quote(in.installerImage()));
    }
    if (in.kubernetesVersion() != null
        && !KUBERNETES_VERSION.matcher(in.kubernetesVersion()).matches()) {
      problems.add("kubernetesVersion must look like 1.34.1, got " + quote(in.kubernetesVersion()));
    }
    cidrs("podSubnets", in.podSubnets(), true, problems);
    cidrs("serviceSubnets", in.serviceSubnets(), true, problems);
    cidrs("firewall.operatorCidrs", in.firewall().operatorCidrs(), false, problems);
    cidrs("firewall.nodeCidrs", in.firewall().nodeCidrs(), false, problems);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < in.inlineManifests().size(); i++) {
      String name = in.inlineManifests().get(i).name();
      if (name.isBlank() || !names.add(name)) {
        problems.add(
            "inlineManifests[" + i + "].name must be unique and non-empty, got " + quote(name));
      }
    }
    return problems;
  }

  private static Optional<String> endpointProblem(String endpoint) {
    String expected = "endpoint must look like https://<host>:6443, got " + quote(endpoint);
    if (endpoint == null || !endpoint.startsWith("https://")) {
      return Optional.of(expected);
    }
    try {
      URI uri = new URI(endpoint);
      boolean pathless =
          uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
      if (uri.getHost() == null || uri.getPort() < 1 || !pathless || uri.getQuery() != null) {
        return Optional.of(expected);
      }
    } catch (URISyntaxException e) {
      return Optional.of(expected);
    }
    return Optional.empty();
  }

  private static void cidrs(
      String field, List<String> values, boolean required, List<String> problems) {
    if (required && values.isEmpty()) {
      problems.add(field + " must not be empty");
    }
    for (int i = 0; i < values.size(); i++) {
      if (Cidr.parseMasking(values.get(i)).isEmpty()) {
        problems.add(
            field + "[" + i + "] must be a CIDR such as 10.0.0.0/8, got " + quote(values.get(i)));
      }
    }
  }

  private static String quote(String value) {
    return value == null ? "nothing" : "\"" + value + "\"";
  }
}
