package dev.ironkube.cli;

/** How data is written to stdout. */
enum OutputFormat {
  table,
  json
}
