package dev.ironkube.cli;

/** How data is written to stdout. */
public enum OutputFormat {
  table,
  json
}
