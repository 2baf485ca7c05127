package dev.ironkube.cli;

import picocli.CommandLine;

/** `ironkube --version`: the build's version and the Java running it. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = RootCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "ironkube " + (v == null ? "development build" : v),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
