package dev.ironkube.settings;

import dev.ironkube.net.Cidr;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks every setting's value and reports all problems with their paths. */
public final class SettingsValidator {
  /** Short enough that "<name>-cp-1" fits Latitude's 32-character hostnames. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?");

  private static final Pattern TALOS_VERSION = Pattern.compile("v1\\.(\\d+)\\.(\\d+)");
  private static final Pattern KUBERNETES_VERSION = Pattern.compile("v?1\\.(\\d+)\\.(\\d+)");
  public static final List<String> SUPPORTED_TALOS_MINORS = TalosReleases.minors();

  private SettingsValidator() {}

  public static List<Problem> validate(Settings settings) {
    List<Problem> problems = new ArrayList<>();
    for (SettingDef def : SettingsCatalogue.all()) {
      if (def.secret()) {
        continue;
      }
      settings.get(def.path()).ifPresent(raw -> check(def, raw, problems));
    }
    settings.get(SettingsCatalogue.TALOS_VERSION).ifPresent(v -> checkTalos(v, problems));
    settings
        .get(SettingsCatalogue.TALOS_VERSION)
        .flatMap(SettingsValidator::release)
        .ifPresent(
            release ->
                settings
                    .get(SettingsCatalogue.KUBERNETES_VERSION)
                    .ifPresent(k -> checkKubernetes(release, k, problems)));
    problems.addAll(NodePools.problems(settings));
    problems.addAll(ConfigPatches.problems(settings));
    if ("scaleway".equals(settings.get(SettingsCatalogue.PROVIDER).orElse(""))
        && !settings.isSet(SettingsCatalogue.SCALEWAY_PROJECT)) {
      problems.add(
          new Problem(
              SettingsCatalogue.SCALEWAY_PROJECT,
              "required for the scaleway provider; set SCW_DEFAULT_PROJECT_ID"));
    }
    return problems;
  }

  private static void check(SettingDef def, String raw, List<Problem> problems) {
    String path = def.path();
    switch (def.type()) {
      case NAME -> {
        if (!NAME.matcher(raw).matches()) {
          problems.add(
              new Problem(
                  path,
                  "'"
                      + raw
                      + "' is not a valid cluster name; use 1-20 lowercase letters, digits and"
                      + " dashes, starting and ending with a letter or digit"));
        }
      }
      case URL -> checkUrl(path, raw, problems);
      case DURATION -> {
        try {
          if (DurationParser.parse(raw).isZero()) {
            problems.add(new Problem(path, "must be longer than zero"));
          }
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(path, e.getMessage()));
        }
      }
      case CIDR -> checkCidr(path, raw, problems);
      case CIDR_LIST -> {
        for (String item : Settings.splitList(raw)) {
          checkCidr(path, item, problems);
        }
      }
      case BOOLEAN -> {
        if (!raw.equals("true") && !raw.equals("false")) {
          problems.add(new Problem(path, "'" + raw + "' must be true or false"));
        }
      }
      case CHOICE -> {
        List<String> allowed = SettingsCatalogue.choices(path);
        if (!allowed.contains(raw)) {
          problems.add(
              new Problem(path, "'" + raw + "' is not one of " + String.join(", ", allowed)));
        }
      }
      case STRUCTURED -> {}
      case STRING, LIST -> {
        if (raw.isBlank()) {
          problems.add(new Problem(path, "must not be empty"));
        }
      }
    }
  }

  private static void checkUrl(String path, String raw, List<Problem> problems) {
    try {
      URI uri = new URI(raw);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null) {
        problems.add(new Problem(path, "'" + raw + "' must be an http(s) URL with a host"));
      }
    } catch (URISyntaxException e) {
      problems.add(new Problem(path, "'" + raw + "' is not a URL: " + e.getReason()));
    }
  }

  private static void checkCidr(String path, String raw, List<Problem> problems) {
    try {
      Cidr.parse(raw);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(path, e.getMessage()));
    }
  }

  /** The support-matrix row of a well-formed, supported Talos version. */
  private static Optional<TalosReleases> release(String talosVersion) {
    var m = TALOS_VERSION.matcher(talosVersion);
    return m.matches() ? TalosReleases.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** Talos runs only the Kubernetes minors of its support matrix; say which, by name. */
  private static void checkKubernetes(
      TalosReleases release, String kubernetes, List<Problem> problems) {
    var m = KUBERNETES_VERSION.matcher(kubernetes);
    if (!m.matches()) {
      problems.add(
          new Problem(
              SettingsCatalogue.KUBERNETES_VERSION,
              "'" + kubernetes + "' is not a Kubernetes version; write it like 1.37.1"));
      return;
    }
    if (!release.supportsKubernetes(Integer.parseInt(m.group(1)))) {
      problems.add(
          new Problem(
              SettingsCatalogue.KUBERNETES_VERSION,
              "Kubernetes "
                  + kubernetes
                  + " is not supported by Talos 1."
                  + release.minor()
                  + ", which runs Kubernetes "
                  + release.kubernetesRange()
                  + "; leave it unset for "
                  + release.defaultKubernetes()));
    }
  }

  private static void checkTalos(String version, List<Problem> problems) {
    var m = TALOS_VERSION.matcher(version);
    if (!m.matches()) {
      problems.add(
          new Problem(
              SettingsCatalogue.TALOS_VERSION,
              "'"
                  + version
                  + "' is not a Talos version; write it like "
                  + TalosReleases.current().newestPatch()));
      return;
    }
    String minor = "1." + m.group(1);
    if (!SUPPORTED_TALOS_MINORS.contains(minor)) {
      problems.add(
          new Problem(
              SettingsCatalogue.TALOS_VERSION,
              "Talos "
                  + version
                  + " is not supported; use a release of "
                  + String.join(", ", SUPPORTED_TALOS_MINORS)));
    }
  }
}
