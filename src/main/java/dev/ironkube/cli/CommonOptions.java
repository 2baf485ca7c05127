package dev.ironkube.cli;

import dev.ironkube.http.RequestLogEntry;
import dev.ironkube.settings.SettingsCatalogue;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
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
          "The chosen provider's secret: Latitude.sh's API key (as LATITUDE_API_KEY), or with"
              + " Scaleway the secret key (as SCW_SECRET_KEY; the access key and project still"
              + " come from SCW_ACCESS_KEY and SCW_DEFAULT_PROJECT_ID). Prefer the environment or"
              + " the credential store: flags show up in the process list.")
  String apiKey;

  @Option(
      names = {"-x", "--verbose"},
      description = "Print stack traces and request logs.")
  boolean verbose;

  /** With --verbose, one line per HTTP request on stderr (already redacted); else nothing. */
  Consumer<RequestLogEntry> requestLog(CliEnvironment env) {
    if (!verbose) {
      return entry -> {};
    }
    return entry -> env.err().println("  http: " + entry.line());
  }

  /** The flags given, as setting paths; --api-key is placed by the provider it belongs to. */
  Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    put(f, SettingsCatalogue.PROVIDER, provider);
    return f;
  }

  static void put(Map<String, String> flags, String path, String value) {
    if (value != null) {
      flags.put(path, value);
    }
  }

  static final class ProviderNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return SettingsCatalogue.PROVIDERS.iterator();
    }
  }
}
