package dev.ironkube.cli;

import picocli.CommandLine.Option;

/** {@code -o/--output}, the one way every command that prints data chooses table or JSON. */
final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table or json (default: table).")
  OutputFormat format = OutputFormat.table;

  boolean json() {
    return format == OutputFormat.json;
  }
}
