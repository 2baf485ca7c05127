package dev.ironkube.cli;

import dev.ironkube.lifecycle.CredentialExpiry;

/**
 * The one-line warnings of credentials close to their end, on stderr, for commands that use them.
 */
final class CredentialWarnings {
  private CredentialWarnings() {}

  static void print(CliEnvironment env, String cluster) {
    var files = SettingsResolution.home(env).cluster(cluster);
    CredentialExpiry.warnings(cluster, files, env.clock())
        .forEach(line -> env.err().println("ironkube: warning: " + line));
  }
}
