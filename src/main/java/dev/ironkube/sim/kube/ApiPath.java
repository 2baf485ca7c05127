package dev.ironkube.sim.kube;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resource URL split into its parts: {@code /api/v1/namespaces/ns/pods/name/status} or {@code
 * /apis/group/version/plural/name}. A path that names only a group or version is discovery.
 */
record ApiPath(
    String group, String version, String namespace, String plural, String name, String sub) {

  static Optional<ApiPath> parse(String path) {
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int at;
    String group;
    String version;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      group = "";
      version = parts.get(1);
      at = 2;
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      version = parts.get(2);
      at = 3;
    } else {
      return Optional.empty();
    }
    List<String> rest = parts.subList(at, parts.size());
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      return Optional.of(
          new ApiPath(group, version, rest.get(1), rest.get(2), at(rest, 3), at(rest, 4)));
    }
    return Optional.of(new ApiPath(group, version, null, rest.get(0), at(rest, 1), at(rest, 2)));
  }

  private static String at(List<String> parts, int index) {
    return parts.size() > index ? parts.get(index) : null;
  }

  boolean isCollection() {
    return name == null;
  }
}
