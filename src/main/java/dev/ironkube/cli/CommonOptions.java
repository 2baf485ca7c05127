package dev.ironkube.cli;

import dev.ironkube.settings.SettingsCatalogue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every command that reads the settings. */
final class CommonOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Cluster document (default: $IRONKUBE_HOME/config.yaml when present).")
  Path file;

  @Option(
      names = "--provider",
      paramLabel = "NAME",
      description = "Bare-metal provider: ${COMPLETION-CANDIDATES} (default: latitude).",
      completionCandidates = ProviderNames.class)
  String provider;

  @Option(
      names = "--simulate",
      description =
          "Run against the embedded simulated datacenter instead of the real services (no account"
              + " needed).")
  boolean simulate;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "Provider API key. Prefer LATITUDE_API_KEY or the credential store: flags show up in"
              + " the process list.")
  String apiKey;

  @Option(
      names = {"-x", "--verbose"},
      description = "Print stack traces and request logs.")
  boolean verbose;

  /** The flags given, as setting paths. */
  Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    put(f, SettingsCatalogue.PROVIDER, provider);
    put(f, SettingsCatalogue.LATITUDE_API_KEY, apiKey);
    return f;
  }

  static void put(Map<String, String> flags, String path, String value) {
    if (value != null) {
      flags.put(path, value);
    }
  }

  static final class ProviderNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SettingsCatalogue.PROVIDERS.iterator();
    }
  }
}
