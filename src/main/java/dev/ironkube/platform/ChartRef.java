package dev.ironkube.platform;

import java.util.Map;
import java.util.Objects;

/**
 * Where an Argo CD Application takes a component from: a Helm repository chart ({@code chart} set)
 * or a path in a Git repository ({@code path} set), at a pinned version, into a namespace, with
 * inline Helm values.
 */
public record ChartRef(
    String name,
    String repoUrl,
    String chart,
    String path,
    String version,
    String namespace,
    Map<String, Object> values) {

  public ChartRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(repoUrl, "repoUrl");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(namespace, "namespace");
    if ((chart == null) == (path == null)) {
      throw new IllegalArgumentException(name + ": set exactly one of chart or path");
    }
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static ChartRef helm(
      String name, String repoUrl, String chart, String version, String namespace) {
    return new ChartRef(name, repoUrl, chart, null, version, namespace, Map.of());
  }

  public static ChartRef git(
      String name, String repoUrl, String path, String version, String namespace) {
    return new ChartRef(name, repoUrl, null, path, version, namespace, Map.of());
  }

  public ChartRef withValues(Map<String, Object> newValues) {
    return new ChartRef(name, repoUrl, chart, path, version, namespace, newValues);
  }

  public ChartRef withVersion(String newVersion) {
    return new ChartRef(name, repoUrl, chart, path, newVersion, namespace, values);
  }

  public boolean isHelmRepository() {
    return chart != null;
  }
}
