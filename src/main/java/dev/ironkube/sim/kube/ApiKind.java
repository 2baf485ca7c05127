package dev.ironkube.sim.kube;

/** One resource type the simulated API server serves, as discovery describes it. */
record ApiKind(String group, String version, String kind, String plural, boolean namespaced) {

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  static ApiKind core(String kind, String plural, boolean namespaced) {
    return new ApiKind("", "v1", kind, plural, namespaced);
  }
}
